import { describe, expect, it } from 'vitest';
import { validateBoardName } from '../components/board-name.ts';
import { fileProblem, progressLabel, validatePinForm } from './CreatePin/pin-form.ts';
import { fieldOfServerError, validateSignup } from './Signup/signup-form.ts';

describe('sign-up form', () => {
  it('accepts what the API accepts', () => {
    expect(
      validateSignup({ username: 'ada_99', email: 'ada@example.com', password: 'correct horse' }),
    ).toEqual({});
  });

  it('names each problem in plain words', () => {
    expect(validateSignup({ username: '', email: '', password: '' })).toEqual({
      username: 'Pick a username.',
      email: 'Enter your email address.',
      password: 'Use at least 8 characters.',
    });
    expect(validateSignup({ username: 'ab', email: 'not-an-email', password: 'x'.repeat(257) })).toEqual({
      username: 'Usernames are 3 to 30 characters.',
      email: 'That doesn’t look like an email address.',
      password: 'Use at most 256 characters.',
    });
    expect(validateSignup({ username: 'ada lovelace', email: 'a@b.co', password: '12345678' }).username).toBe(
      'Use only letters, numbers and underscores.',
    );
  });

  it('files server refusals under the field they are about', () => {
    expect(fieldOfServerError('That username is taken.')).toBe('username');
    expect(fieldOfServerError('An account with that email exists.')).toBe('email');
    expect(fieldOfServerError('Too many attempts.')).toBeNull();
  });
});

describe('pin builder form', () => {
  const valid = { title: 'Tart', description: '', link: '', altText: '', boardId: '12', hasImage: true };

  it('accepts a picture on a board with nothing else', () => {
    expect(validatePinForm(valid)).toEqual({});
  });

  it('asks for a picture and a board, and checks lengths and links', () => {
    const errors = validatePinForm({
      title: 't'.repeat(101),
      description: 'd'.repeat(801),
      link: 'javascript:alert(1)',
      altText: 'a'.repeat(501),
      boardId: null,
      hasImage: false,
    });
    expect(Object.keys(errors).sort()).toEqual([
      'altText',
      'boardId',
      'description',
      'image',
      'link',
      'title',
    ]);
    expect(validatePinForm({ ...valid, link: 'https://recipes.example/tart' })).toEqual({});
    expect(validatePinForm({ ...valid, link: 'recipes.example' }).link).toMatch(/https:\/\//);
  });

  it('takes JPEG and PNG files only', () => {
    expect(fileProblem({ type: 'image/png', size: 10 })).toBeNull();
    expect(fileProblem({ type: 'image/gif', size: 10 })).toBe('Use a JPEG or PNG image.');
    expect(fileProblem({ type: 'image/jpeg', size: 0 })).toBe('That file is empty.');
  });

  it('labels upload progress', () => {
    expect(progressLabel(0.426)).toBe('Uploading… 42%');
    expect(progressLabel(1)).toBe('Processing your image…');
  });

  it('checks board names', () => {
    expect(validateBoardName('  ')).toBe('Give your board a name.');
    expect(validateBoardName('x'.repeat(181))).toMatch(/180/);
    expect(validateBoardName('Dinner ideas')).toBeNull();
  });
});
