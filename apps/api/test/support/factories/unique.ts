import { randomBytes } from 'node:crypto';

/** Eight random hex digits: enough that no two tests, or two runs on one database, pick the same value. */
export const unique = () => randomBytes(4).toString('hex');

/** The same in capitals, for neighborhood codes: listings sort by code, so the tests' codes share one case. */
export const uniqueUpper = () => unique().toUpperCase();

/** A moment `hours` from now; negative hours are in the past. */
export const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000);
