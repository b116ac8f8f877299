import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors.ts';
import {
  normalizeWebsite,
  parseRedirectUris,
  passwordFormMessage,
  passwordProblems,
  profileChanges,
} from './settings-rules.ts';

describe('passwordProblems', () => {
  it('accepts a new password of 8+ characters, confirmed, different from the current one', () => {
    expect(passwordProblems({ current: 'old secret', next: 'new secret', confirm: 'new secret' })).toEqual(
      {},
    );
  });

  it('names each problem on its field', () => {
    expect(passwordProblems({ current: '', next: 'short', confirm: 'short' })).toEqual({
      current: 'Enter your current password.',
      next: 'Use at least 8 characters.',
    });
    expect(passwordProblems({ current: 'same pass', next: 'same pass', confirm: 'same pass' }).next).toMatch(
      /different/,
    );
    expect(passwordProblems({ current: 'old secret', next: 'new secret', confirm: 'new secrex' })).toEqual({
      confirm: 'The passwords don’t match.',
    });
  });
});

describe('normalizeWebsite', () => {
  it('adds https:// to a bare domain and keeps empty as empty', () => {
    expect(normalizeWebsite(' example.com ')).toEqual({ value: 'https://example.com/' });
    expect(normalizeWebsite('http://a.example/x')).toEqual({ value: 'http://a.example/x' });
    expect(normalizeWebsite('')).toEqual({ value: '' });
  });

  it('refuses other schemes and hostnames without a dot', () => {
    expect(normalizeWebsite('javascript:alert(1)')).toHaveProperty('problem');
    expect(normalizeWebsite('localhost')).toHaveProperty('problem');
  });
});

describe('profileChanges', () => {
  const saved = { display_name: 'Ada', about: '', website_url: '', profile_image: '' };

  it('sends only what changed, trimmed', () => {
    expect(
      profileChanges(
        { display_name: ' Ada L ', about: 'Hi', website_url: '', profile_image: 'pics.example/me.png' },
        saved,
      ),
    ).toEqual({
      changes: { display_name: 'Ada L', about: 'Hi', profile_image: 'https://pics.example/me.png' },
    });
    expect(profileChanges({ ...saved }, saved)).toEqual({ changes: {} });
  });

  it('reports fields over the API’s limits and bad websites', () => {
    const result = profileChanges(
      {
        display_name: 'x'.repeat(101),
        about: 'y'.repeat(501),
        website_url: 'ftp://x.example',
        profile_image: 'nope',
      },
      saved,
    );
    expect(result).toEqual({
      problems: {
        display_name: 'Use at most 100 characters.',
        about: 'Use at most 500 characters.',
        website_url: 'Enter a web address like https://example.com.',
        profile_image: 'Enter the address of a picture, like https://example.com/me.jpg.',
      },
    });
  });
});

describe('parseRedirectUris', () => {
  it('splits lines, commas and spaces, dropping repeats', () => {
    expect(parseRedirectUris('https://a.example/cb\nhttp://localhost:3000/cb, https://a.example/cb')).toEqual(
      {
        uris: ['https://a.example/cb', 'http://localhost:3000/cb'],
      },
    );
  });

  it('refuses empty input, relative URLs, other schemes and fragments', () => {
    expect(parseRedirectUris('  ')).toEqual({ problem: 'Add at least one redirect URI.' });
    expect(parseRedirectUris('/cb')).toHaveProperty('problem');
    expect(parseRedirectUris('myapp://cb')).toHaveProperty('problem');
    expect(parseRedirectUris('https://a.example/cb#x')).toHaveProperty('problem');
  });
});

describe('passwordFormMessage', () => {
  it('says a wrong password plainly instead of “session ended”', () => {
    expect(passwordFormMessage(new ApiError(401, 2, 'The password is not correct.'))).toBe(
      'That password isn’t right.',
    );
    expect(passwordFormMessage(new ApiError(401, 2, 'Authentication failed.'))).toMatch(/session has ended/);
    expect(passwordFormMessage(new ApiError(400, 1, 'new_password is too short'))).toBe(
      'new_password is too short',
    );
  });
});
