import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';

/** Query parameters that can carry secrets or personal data; their values never reach a log. */
const sensitiveQueryParameters = new Set([
  'api_key',
  'apikey',
  'token',
  'email',
  'phone',
  'first_name',
  'last_name',
  'name',
  'account_id',
  'device_id',
  // "Who is my lieutenant?" and geocoding: what residents type is where they live.
  'address',
  'lat',
  'lon',
  'long',
]);

export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const params = new URLSearchParams(url.slice(queryStart + 1));
  let changed = false;
  for (const key of [...params.keys()]) {
    if (sensitiveQueryParameters.has(key.toLowerCase())) {
      params.set(key, '[REDACTED]');
      changed = true;
    }
  }
  return changed ? `${url.slice(0, queryStart)}?${params.toString()}` : url;
}

/**
 * pino paths removed from every log line: credentials and requesters' personal data, wherever
 * a log call might put them (objects logged by code, not only request headers).
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'token',
  '*.token',
  'key',
  '*.key',
  'apiKey',
  '*.apiKey',
  'requester',
  '*.requester',
  'requesterName',
  '*.requesterName',
  'requesterEmail',
  '*.requesterEmail',
  'requesterPhone',
  '*.requesterPhone',
  'email',
  '*.email',
  'phone',
  '*.phone',
];

const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/** pino options shared by the server's logger and the app's own. */
export function pinoOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: redactedPaths, censor: '[REDACTED]' },
    serializers: {
      req(request: { method: string; url: string; ip?: string }) {
        return { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip };
      },
    },
  };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return destination ? pino(pinoOptions(level), destination) : pino(pinoOptions(level));
}

export function loggerOptions(level: string): FastifyServerOptions {
  return {
    logger: pinoOptions(level),
    // Honour an incoming X-Request-Id (from a load balancer or client) when it looks sane.
    genReqId(request: IncomingMessage) {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID();
    },
  };
}
