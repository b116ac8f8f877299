// What the settings forms accept, checked before anything is sent, with the API's own limits, and
// how credential errors read on these forms. Pure: no I/O.
import { ApiError, messageFor } from '../../api/errors.ts';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
export const DISPLAY_NAME_MAX = 100;
export const ABOUT_MAX = 500;
export const TOKEN_NAME_MAX = 100;
export const MAX_REDIRECT_URIS = 20;

export interface PasswordForm {
  current: string;
  next: string;
  confirm: string;
}

export type PasswordProblems = Partial<Record<keyof PasswordForm, string>>;

export function passwordProblems(form: PasswordForm): PasswordProblems {
  const problems: PasswordProblems = {};
  if (!form.current) problems.current = 'Enter your current password.';
  if (form.next.length < PASSWORD_MIN) problems.next = `Use at least ${PASSWORD_MIN} characters.`;
  else if (form.next.length > PASSWORD_MAX) problems.next = `Use at most ${PASSWORD_MAX} characters.`;
  else if (form.next === form.current) problems.next = 'Choose a password different from the current one.';
  if (!problems.next && form.confirm !== form.next) problems.confirm = 'The passwords don’t match.';
  return problems;
}

/** A website as the API takes it: empty, or an absolute http(s) URL ("example.com" gets https://). */
export function normalizeWebsite(input: string): { value: string } | { problem: string } {
  const text = input.trim();
  if (!text) return { value: '' };
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(candidate);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname.includes('.')) {
      return { problem: 'Enter a web address like https://example.com.' };
    }
    return { value: url.toString() };
  } catch {
    return { problem: 'Enter a web address like https://example.com.' };
  }
}

export interface ProfileForm {
  display_name: string;
  about: string;
  website_url: string;
  /** The address of a picture on the web (the API stores a URL, not an upload). */
  profile_image: string;
}

/** The fields that changed (the API wants at least one), trimmed, or the problems found. */
export function profileChanges(
  form: ProfileForm,
  saved: ProfileForm,
): { changes: Partial<ProfileForm> } | { problems: Partial<Record<keyof ProfileForm, string>> } {
  const problems: Partial<Record<keyof ProfileForm, string>> = {};
  const name = form.display_name.trim();
  const about = form.about.trim();
  if (name.length > DISPLAY_NAME_MAX) problems.display_name = `Use at most ${DISPLAY_NAME_MAX} characters.`;
  if (about.length > ABOUT_MAX) problems.about = `Use at most ${ABOUT_MAX} characters.`;
  const website = normalizeWebsite(form.website_url);
  if ('problem' in website) problems.website_url = website.problem;
  const picture = normalizeWebsite(form.profile_image);
  if ('problem' in picture)
    problems.profile_image = 'Enter the address of a picture, like https://example.com/me.jpg.';
  if ('problem' in website || 'problem' in picture || Object.keys(problems).length > 0) return { problems };
  const changes: Partial<ProfileForm> = {};
  if (name !== saved.display_name) changes.display_name = name;
  if (about !== saved.about) changes.about = about;
  if (website.value !== saved.website_url) changes.website_url = website.value;
  if (picture.value !== saved.profile_image) changes.profile_image = picture.value;
  return { changes };
}

/** Redirect URIs typed one per line (or separated by spaces or commas): absolute http(s), no fragment. */
export function parseRedirectUris(input: string): { uris: string[] } | { problem: string } {
  const uris = [...new Set(input.split(/[\s,]+/).filter(Boolean))];
  if (uris.length === 0) return { problem: 'Add at least one redirect URI.' };
  if (uris.length > MAX_REDIRECT_URIS) return { problem: `Use at most ${MAX_REDIRECT_URIS} redirect URIs.` };
  for (const uri of uris) {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return { problem: `“${uri}” is not an absolute URL.` };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return { problem: `“${uri}” must start with http:// or https://.` };
    if (url.hash || uri.includes('#')) return { problem: `“${uri}” must not have a #fragment.` };
  }
  return { uris };
}

export const TOKEN_ACCESS = {
  read: {
    label: 'Read only',
    scopes: ['boards:read', 'boards:read_secret', 'pins:read', 'pins:read_secret', 'user_accounts:read'],
  },
  write: {
    label: 'Read and write boards and pins',
    scopes: [
      'boards:read',
      'boards:read_secret',
      'boards:write',
      'boards:write_secret',
      'pins:read',
      'pins:read_secret',
      'pins:write',
      'pins:write_secret',
      'user_accounts:read',
      'user_accounts:write',
    ],
  },
  all: { label: 'Everything (all scopes)', scopes: 'all' },
} as const;

export type TokenAccess = keyof typeof TOKEN_ACCESS;

/**
 * What a failure says on a form that asks for a password: the server answers a wrong password with
 * 401, which elsewhere means "signed out", so here it is said as what it is.
 */
export function passwordFormMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 401 && /password/i.test(error.message)) {
    return 'That password isn’t right.';
  }
  return messageFor(error);
}
