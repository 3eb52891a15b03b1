import { createHash } from 'node:crypto';

/** SHA-256 of a high-entropy secret (API keys, refresh tokens): enough, as these are never guessable. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
