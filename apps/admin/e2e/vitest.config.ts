import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/*
 * Browser journeys against the real API (a child process on a fresh PostgreSQL database, serving the
 * built admin app). One file at a time: each launches Chromium, and the machine it runs on has two
 * cores shared with the API and the database.
 */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    fileParallelism: false,
    // Journeys click through several screens, each waiting for the API; the setup seeds demo data.
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
