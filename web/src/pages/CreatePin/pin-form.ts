// The pin builder's rules, as the API enforces them (pins/schemas.ts), checked as people type.
// Pure: no I/O.

export const LIMITS = { title: 100, description: 800, link: 2048, altText: 500 } as const;
export const ACCEPTED_TYPES = ['image/jpeg', 'image/png'] as const;
export type AcceptedType = (typeof ACCEPTED_TYPES)[number];

export interface PinForm {
  title: string;
  description: string;
  link: string;
  altText: string;
  boardId: string | null;
  hasImage: boolean;
}

export type PinFormErrors = Partial<
  Record<'title' | 'description' | 'link' | 'altText' | 'boardId' | 'image', string>
>;

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export function validatePinForm(form: PinForm): PinFormErrors {
  const errors: PinFormErrors = {};
  if (!form.hasImage) errors.image = 'Add a picture: drop one here, choose a file, or paste an image link.';
  if (form.title.length > LIMITS.title) errors.title = `Titles can be up to ${LIMITS.title} characters.`;
  if (form.description.length > LIMITS.description)
    errors.description = `Descriptions can be up to ${LIMITS.description} characters.`;
  const link = form.link.trim();
  if (link && (link.length > LIMITS.link || !isHttpUrl(link)))
    errors.link = 'Enter a full web address, starting with https://';
  if (form.altText.length > LIMITS.altText)
    errors.altText = `Alt text can be up to ${LIMITS.altText} characters.`;
  if (!form.boardId) errors.boardId = 'Choose a board, or create one.';
  return errors;
}

/** Why a picked file cannot be a pin, or null when it can. */
export function fileProblem(file: { type: string; size: number }): string | null {
  if (!(ACCEPTED_TYPES as readonly string[]).includes(file.type)) return 'Use a JPEG or PNG image.';
  if (file.size === 0) return 'That file is empty.';
  return null;
}

/** The progress bar's label: "Uploading… 42%", then "Processing…" while the server works. */
export function progressLabel(fraction: number): string {
  if (fraction >= 1) return 'Processing your image…';
  return `Uploading… ${Math.floor(Math.max(0, fraction) * 100)}%`;
}
