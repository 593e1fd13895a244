import { isRole, type Role } from './permissions.ts';
import { invalid, ok, type Result } from './result.ts';

/** Rules for staff accounts; the hashing itself happens in the services. */
export function validateUsername(input: string): Result<string> {
  const username = input.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{1,39}$/.test(username)) {
    return invalid(
      'username',
      'username must be 2–40 letters, digits, dots, dashes or underscores',
    );
  }
  return ok(username);
}

export function validateDisplayName(input: string): Result<string> {
  const name = input.trim().replace(/\s+/g, ' ');
  if (name === '' || name.length > 80)
    return invalid('displayName', 'displayName must be 1–80 characters');
  return ok(name);
}

export function validatePassword(input: string): Result<string> {
  if (input.length < 8) return invalid('password', 'password must be at least 8 characters');
  if (input.length > 200) return invalid('password', 'password must be at most 200 characters');
  return ok(input);
}

/** A till PIN: 4 to 8 digits, and not all one digit or a plain run like 1234. */
export function validatePin(input: string): Result<string> {
  if (!/^\d{4,8}$/.test(input)) return invalid('pin', 'pin must be 4 to 8 digits');
  if (/^(\d)\1+$/.test(input) || '0123456789'.includes(input) || '9876543210'.includes(input)) {
    return invalid('pin', 'pin is too easy to guess (no repeated digits or plain runs)');
  }
  return ok(input);
}

export function validateRole(input: string): Result<Role> {
  return isRole(input)
    ? ok(input)
    : invalid('role', 'role must be cashier, supervisor, marketer, admin or auditor');
}

/**
 * How a caller proved who they are: staff sign in with a password (back office) or a PIN (at a
 * register); an integration sends its API key.
 */
export const authMethods = ['password', 'pin', 'api_key'] as const;
export type AuthMethod = (typeof authMethods)[number];
