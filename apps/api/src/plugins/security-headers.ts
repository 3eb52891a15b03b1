import fastifyCors from '@fastify/cors';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import type { AppConfig } from '../config.ts';

export type SecurityHeadersOptions = Pick<
  AppConfig,
  'behindTls' | 'corsOrigins' | 'frameAncestors' | 'mapTileUrl'
>;

/** The origin of the map tile server, which the staff app's maps load images from. */
function tileOrigin(template: string | undefined): string[] {
  if (!template) return [];
  try {
    const url = new URL(template.replace(/\{s\}/g, 'a').replace(/\{[a-z]+\}/g, '0'));
    // {s} subdomains (a.tile…, b.tile…): allow the parent domain's subdomains.
    return template.includes('{s}')
      ? [`${url.protocol}//*.${url.host.split('.').slice(1).join('.')}`]
      : [url.origin];
  } catch {
    return [];
  }
}

/** The headers helmet sets for these options (none of them depends on the request). */
function staticHelmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * Security headers on every reply (helmet):
 * - a Content-Security-Policy the admin app's build satisfies: scripts and styles from NSP only,
 *   no inline script, no plugins, never framed (frame-ancestors 'none' and X-Frame-Options DENY);
 * - X-Content-Type-Options: nosniff and Referrer-Policy: no-referrer everywhere (URLs carry ids);
 * - Strict-Transport-Security only when NSP is told it is reached over HTTPS (NSP_BEHIND_TLS);
 * - the public page (/public/) may be framed by the origins in NSP_FRAME_ANCESTORS (the town
 *   website embeds it), and nothing else may.
 * CORS stays closed (no Access-Control-Allow-Origin) unless NSP_CORS_ORIGINS lists origins.
 */
export const securityHeadersPlugin = fp(
  async (app: FastifyInstance, options: SecurityHeadersOptions) => {
    const helmetOptions: HelmetOptions = {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          scriptSrcAttr: ["'none'"],
          // React and Leaflet set element.style (allowed); no style attributes in served HTML.
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:', ...tileOrigin(options.mapTileUrl)],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(options.behindTls ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      hsts: options.behindTls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      // Map tiles come from another origin and are not served with CORP headers.
      crossOriginEmbedderPolicy: false,
      crossOriginResourcePolicy: { policy: 'same-site' },
    };
    // The headers depend on the options only: helmet writes them once, here, and every reply copies
    // them (@fastify/helmet rebuilt helmet, parsing the policy again, on every request).
    const headers = staticHelmetHeaders(helmetOptions);
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });

    // The public page and the public API are meant to be used from the town's website.
    app.addHook('onSend', async (request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      const isPublicPage = path === '/public' || path.startsWith('/public/');
      if (isPublicPage || path.startsWith('/api/v1/public/') || path.startsWith('/open311/')) {
        reply.header('cross-origin-resource-policy', 'cross-origin');
      }
      if (isPublicPage) {
        const ancestors = options.frameAncestors.length > 0 ? options.frameAncestors.join(' ') : "'none'";
        const policy = String(reply.getHeader('content-security-policy') ?? '');
        reply.header(
          'content-security-policy',
          policy.replace(/frame-ancestors [^;]*/, `frame-ancestors ${ancestors}`),
        );
        if (options.frameAncestors.length > 0) reply.removeHeader('x-frame-options');
      }
    });

    if (options.corsOrigins.length > 0) {
      await app.register(fastifyCors, {
        origin: options.corsOrigins,
        methods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'],
        allowedHeaders: [
          'authorization',
          'content-type',
          'if-match',
          'if-none-match',
          'idempotency-key',
          'x-api-key',
          'accept-language',
        ],
        exposedHeaders: ['etag', 'location', 'retry-after', 'content-language', 'x-request-id'],
        maxAge: 600,
      });
    }
  },
  { name: 'nsp-security-headers' },
);
