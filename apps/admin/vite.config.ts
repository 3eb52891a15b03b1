import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.NSP_API_URL ?? 'http://127.0.0.1:3000';
const proxied = { target: apiTarget, changeOrigin: false };
// '/api/' with the slash: a bare '/api' prefix would also swallow the SPA route '/api-clients'.
const proxy = { '/api/': proxied, '/healthz': proxied, '/openapi.json': proxied };

export default defineConfig({
  // Resolve paths from this file so `vite build` works from the repository root too.
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: false,
    proxy,
  },
  preview: { proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // Two entries: the staff app (index.html) and the public page (public-page/index.html, served by the
    // API at /public/), which shares no code with the staff app.
    // Keep the initial download small: framework code sits in long-lived vendor chunks that
    // change rarely (better caching across deploys); every page area is its own lazy chunk.
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        public: fileURLToPath(new URL('public-page/index.html', import.meta.url)),
      },
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            {
              name: 'router',
              test: /node_modules[\\/](react-router|react-router-dom|cookie)[\\/]/,
              priority: 2,
            },
            {
              name: 'query',
              test: /node_modules[\\/]@tanstack[\\/](query-core|react-query)[\\/]/,
              priority: 2,
            },
            // Only the request queue uses the virtualiser: it stays in that lazy chunk.
          ],
        },
      },
    },
  },
});
