import { hash, verify } from '@node-rs/argon2';
import { commonPasswords } from './common-passwords.ts';

// argon2id with OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane).
const argon2Options = {
  algorithm: 2 /* Argon2id */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password: verified against when the e-mail is unknown, so timing does not reveal it. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  return decoyHash;
}

/** Why a password is refused, or null when it is acceptable (length is checked by the schema). */
export function passwordWeakness(
  password: string,
  context: { email?: string; name?: string } = {},
): string | null {
  const lowered = password.toLowerCase();
  if (commonPasswords.has(lowered)) return 'is on a list of common passwords';
  const compact = lowered.replace(/[^a-z0-9]/g, '');
  if (commonPasswords.has(compact)) return 'is on a list of common passwords';
  // "Password2024!" is a common password with decoration: look at the word before trailing digits and symbols.
  const undecorated = compact.replace(/[0-9]+$/, '');
  if (undecorated.length >= 4 && undecorated !== compact && commonPasswords.has(undecorated)) {
    return 'is a common password with digits added';
  }
  if (/^(.)\1+$/.test(password)) return 'must not repeat a single character';
  const localPart = context.email?.split('@')[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && lowered.includes(localPart))
    return 'must not contain the e-mail address';
  return null;
}
