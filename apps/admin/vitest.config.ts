import { defineConfig } from 'vitest/config';

// Unit tests of client-side logic only (api client, geometry); they run in Node with `fetch`
// and storage injected, so no DOM emulation dependency is needed.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
