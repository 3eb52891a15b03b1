import { defineConfig } from 'vitest/config';

// Unit tests need nothing; integration tests run against a real PostgreSQL
// (NSP_TEST_DATABASE_URL, default the local server) with a fresh database per test file;
// the embedded suite runs the same kinds of checks on PGlite.
export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    include: ['test/**/*.test.ts'],
  },
});
