import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { ROUTE_CODE_META, ROUTE_MODULES } from './src/app/route-code';

const apiTarget = process.env.NSP_API_URL ?? 'http://127.0.0.1:3000';
const proxied = { target: apiTarget, changeOrigin: false };
// '/api/' with the slash: a bare '/api' prefix would also swallow the SPA route '/api-clients'.
const proxy = { '/api/': proxied, '/healthz': proxied, '/openapi.json': proxied };

/**
 * React Router publishes its production build only under dist/production, with no export condition
 * that selects it: without these aliases a production bundle carries the development build and its
 * runtime warning checks. The path comes from where react-router-dom's own dependency resolves.
 */
function reactRouterProduction() {
  const require = createRequire(createRequire(import.meta.url).resolve('react-router-dom'));
  const development = require.resolve('react-router').replace(/[\\/]development[\\/]index\.m?js$/, '');
  return [
    { find: /^react-router$/, replacement: `${development}/production/index.mjs` },
    { find: /^react-router\/dom$/, replacement: `${development}/production/dom-export.mjs` },
  ];
}

/**
 * The boot script (src/boot.ts) as an async module script at the top of the staff app's index.html.
 * Vite folds every module script of a page into one entry, which runs only once all of its imports
 * (React included) have arrived; the boot script is its own entry so that it runs as soon as its few
 * kilobytes do. Its shared chunks (the API client) are the app's own: one session, one client.
 * Beside it, a meta element lists the files of each route module in src/app/route-code.ts (its chunk
 * and every chunk it imports that the page does not load anyway), for the boot script to fetch.
 */
function bootScript(): Plugin {
  return {
    name: 'nsp-boot-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (!context.bundle || context.path !== '/index.html') return;
        const boot = Object.values(context.bundle).find(
          (output) => output.type === 'chunk' && output.isEntry && output.name === 'boot',
        );
        if (boot?.type !== 'chunk') throw new Error('The build has no boot chunk (src/boot.ts)');
        const preloads = boot.imports.filter((file) => !html.includes(`/${file}"`));
        const chunks = Object.values(context.bundle).filter((output) => output.type === 'chunk');
        const routeCode: Record<string, string[]> = {};
        for (const [, module] of ROUTE_MODULES) {
          const chunk = chunks.find((candidate) => candidate.facadeModuleId?.endsWith(`/${module}`));
          if (!chunk) throw new Error(`No chunk for the route module ${module} (src/app/route-code.ts)`);
          const files = new Set<string>();
          const visit = (file: string) => {
            if (files.has(file) || html.includes(`/${file}"`)) return;
            files.add(file);
            for (const imported of chunks.find((candidate) => candidate.fileName === file)?.imports ?? [])
              visit(imported);
          };
          visit(chunk.fileName);
          routeCode[module] = [...files].map((file) => `/${file}`);
        }
        return [
          {
            tag: 'meta',
            attrs: { name: ROUTE_CODE_META, content: JSON.stringify(routeCode) },
            injectTo: 'head-prepend',
          },
          {
            tag: 'script',
            attrs: { type: 'module', async: true, crossorigin: true, src: `/${boot.fileName}` },
            injectTo: 'head-prepend',
          },
          ...preloads.map((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
            injectTo: 'head-prepend' as const,
          })),
        ];
      },
    },
  };
}

export default defineConfig(({ command }) => ({
  // Resolve paths from this file so `vite build` works from the repository root too.
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    react(),
    bootScript(),
    // An installable app for officers in the field (#21): Workbox precaches the app shell (every
    // hashed chunk, so a page never visited online still opens offline) and keeps the last-seen API
    // replies. Workbox rather than a hand-written worker: cache versioning, cleanup of old caches and
    // navigation fallback are easy to get subtly wrong.
    VitePWA({
      registerType: 'prompt',
      // Registered from src/lib/offline/service-worker.ts (no inline script: the CSP forbids it).
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'NSP — Neighborhood Service Platform',
        short_name: 'NSP',
        description: 'Requests for service, neighborhoods and field work for community policing staff',
        id: '/',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#f4f6f9',
        theme_color: '#1b2a41',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // Leaflet and the dashboards are big; the shell must not grow past what a phone fetches in one go.
        maximumFileSizeToCacheInBytes: 1024 * 1024,
        navigateFallback: '/index.html',
        // Server routes are never the SPA: the API, Open311, the public page, docs, health and metrics.
        navigateFallbackDenylist: [/^\/(api|open311|public|docs|openapi\.json|healthz|readyz|metrics)(\/|$)/],
        cleanupOutdatedCaches: true,
        // The first visit's own requests are cached too (no reload needed before going offline).
        // A new version still waits for the person's "reload" (no skipWaiting).
        clientsClaim: true,
        runtimeCaching: [
          {
            // The last-seen replies of the staff API (work list, requests, reference data), for a
            // weak or no signal: the network first, the cached copy after 6 s or offline. Never the
            // auth endpoints, the live-events stream or downloads. Cleared at sign-out.
            urlPattern: ({ url, request, sameOrigin }) =>
              sameOrigin &&
              request.method === 'GET' &&
              url.pathname.startsWith('/api/v1/') &&
              !/^\/api\/v1\/(auth|events|live|public)(\/|$)/.test(url.pathname) &&
              !url.pathname.endsWith('.csv') &&
              url.searchParams.get('format') !== 'csv',
            handler: 'NetworkFirst',
            method: 'GET',
            options: {
              cacheName: 'nsp-api',
              networkTimeoutSeconds: 6,
              expiration: { maxEntries: 400, maxAgeSeconds: 7 * 24 * 60 * 60 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
  resolve: { alias: command === 'build' ? reactRouterProduction() : [] },
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
        boot: fileURLToPath(new URL('src/boot.ts', import.meta.url)),
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
}));
