import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * About 49,000 passwords seen most often in breaches (zxcvbn-ts' common dictionary), lower-cased.
 * A maintained list beats one we would write by hand.
 */
export const commonPasswords: ReadonlySet<string> = new Set(
  (dictionary.passwords as string[]).map((password) => password.toLowerCase()),
);
