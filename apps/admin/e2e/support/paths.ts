import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const adminDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const repositoryRoot = path.resolve(adminDir, '../..');
export const apiDir = path.join(repositoryRoot, 'apps/api');
export const adminDist = path.join(adminDir, 'dist');
/** Ignored by git (test-results/); CI keeps it as the run's artifacts. */
export const resultsDir = path.join(repositoryRoot, 'test-results');
export const screenshotDir = path.join(resultsDir, 'e2e-screenshots');
export const chromiumPath = process.env.NSP_E2E_CHROMIUM ?? '/usr/bin/chromium';
