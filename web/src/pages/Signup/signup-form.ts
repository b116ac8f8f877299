// The sign-up rules the API enforces (accounts/schemas.ts), checked before sending so people hear
// about each field at once. Pure.

export interface SignupFields {
  username: string;
  email: string;
  password: string;
}

export type SignupErrors = Partial<Record<keyof SignupFields, string>>;

const USERNAME = /^[A-Za-z0-9_]{3,30}$/;
// What a browser's type="email" accepts, roughly; the server has the last word.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateSignup(fields: SignupFields): SignupErrors {
  const errors: SignupErrors = {};
  const username = fields.username.trim();
  if (username === '') errors.username = 'Pick a username.';
  else if (username.length < 3 || username.length > 30) errors.username = 'Usernames are 3 to 30 characters.';
  else if (!USERNAME.test(username)) errors.username = 'Use only letters, numbers and underscores.';
  const email = fields.email.trim();
  if (email === '') errors.email = 'Enter your email address.';
  else if (email.length > 254 || !EMAIL.test(email))
    errors.email = 'That doesn’t look like an email address.';
  if (fields.password.length < 8) errors.password = 'Use at least 8 characters.';
  else if (fields.password.length > 256) errors.password = 'Use at most 256 characters.';
  return errors;
}

/** Which field a server refusal is about, from its message ("username is taken"). */
export function fieldOfServerError(message: string): keyof SignupFields | null {
  const lower = message.toLowerCase();
  if (lower.includes('username')) return 'username';
  if (lower.includes('email')) return 'email';
  if (lower.includes('password')) return 'password';
  return null;
}
