import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const timeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as America/New_York' },
);

/**
 * A raster tile URL template as Leaflet takes it: http(s), with {z}, {x} and {y} (and optionally
 * {s} or {r}). Browsers fetch it directly, so it is public: use a key meant for browsers if any.
 */
const tileUrlTemplate = z
  .string()
  .max(2048, 'must be at most 2048 characters')
  .refine(
    (value) => {
      try {
        const url = new URL(value.replace(/\{[a-z]+\}/g, 'a'));
        return url.protocol === 'https:' || url.protocol === 'http:';
      } catch {
        return false;
      }
    },
    { message: 'must be an https:// (or http://) URL such as https://tiles.example.org/{z}/{x}/{y}.png' },
  )
  .refine((value) => ['{z}', '{x}', '{y}'].every((placeholder) => value.includes(placeholder)), {
    message: 'must contain {z}, {x} and {y}, e.g. https://tiles.example.org/{z}/{x}/{y}.png',
  });

/**
 * Which proxies' X-Forwarded-For to believe: `false` (none, the default), a hop count (the number
 * of proxies in front of NSP, e.g. `1` for one load balancer) or a comma-separated list of proxy
 * addresses or CIDR ranges. Trusting every hop (`true`) would let any client choose its own
 * address for rate limits and the audit log, so it is refused.
 */
const trustProxySetting = z
  .string()
  .trim()
  .superRefine((value, context) => {
    if (['true', 'yes'].includes(value)) {
      context.addIssue({
        code: 'custom',
        message:
          'must be false, the number of proxies in front of NSP (e.g. 1) or their addresses (e.g. 10.0.0.5,10.1.0.0/16); "true" would trust a client-supplied X-Forwarded-For',
      });
    } else if (!/^(false|no|0|[1-9]\d?)$/.test(value)) {
      const bad = value.split(',').filter((part) => !isIpOrCidr(part.trim()));
      if (bad.length > 0) {
        context.addIssue({
          code: 'custom',
          message: `is not a hop count or an address/CIDR list: ${bad.join(', ')}`,
        });
      }
    }
  })
  .transform((value): false | number | string[] => {
    if (['false', 'no', '0'].includes(value)) return false;
    if (/^\d+$/.test(value)) return Number(value);
    return value.split(',').map((part) => part.trim());
  });

function isIpOrCidr(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  if (rest.length > 0 || !address) return false;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  const isV4 = !!v4 && v4.slice(1).every((octet) => Number(octet) <= 255);
  const isV6 = !isV4 && address.includes(':') && /^[0-9a-fA-F:.]+$/.test(address);
  if (!isV4 && !isV6) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (isV4 ? 32 : 128);
}

/** A comma-separated list of web origins (scheme://host[:port]), e.g. https://www.easthartfordct.gov. */
const originList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .superRefine((origins, context) => {
    for (const origin of origins) {
      let valid = false;
      try {
        const url = new URL(origin);
        valid = (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === origin;
      } catch {
        valid = false;
      }
      if (!valid)
        context.addIssue({
          code: 'custom',
          message: `${origin} is not an origin such as https://www.town.gov`,
        });
    }
  });
/** An SMTP server as nodemailer takes it: smtp:// (STARTTLS when offered) or smtps:// (TLS from the start). */
const smtpUrl = z
  .string()
  .max(2048, 'must be at most 2048 characters')
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
      } catch {
        return false;
      }
    },
    { message: 'must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.town.gov:587' },
  );

/** A sender: `address@host` or `Display Name <address@host>`. */
const mailFrom = z
  .string()
  .trim()
  .max(320, 'must be at most 320 characters')
  .regex(
    /^(?:[^<>\r\n]{0,200}<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
    'must be an e-mail address, optionally with a name: "NSP <no-reply@town.gov>"',
  );

/** Where people reach NSP from outside (links in e-mails): an http(s) URL without query or fragment. */
const publicBaseUrl = z
  .string()
  .max(2048, 'must be at most 2048 characters')
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'https:' || url.protocol === 'http:') && !url.search && !url.hash;
      } catch {
        return false;
      }
    },
    { message: 'must be an http(s):// URL without query or fragment, such as https://nsp.town.gov' },
  )
  .transform((value) => value.replace(/\/+$/, ''));

/** The environment NSP reads, validated once at start (see README "Configuration"). */
const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  NSP_DATABASE_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  NSP_DATA_DIR: z.string().min(1).default('./.data'),
  NSP_DEMO_DATA: booleanFromEnv.optional(),
  NSP_ADMIN_EMAIL: z.email('must be an e-mail address').optional(),
  NSP_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(128).optional(),
  JWT_SECRET: z.string().optional(),
  NSP_TIMEZONE: timeZone.default('America/New_York'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NSP_ADMIN_DIST: z.string().optional(),
  NSP_TRUST_PROXY: trustProxySetting.default(false),
  NSP_BEHIND_TLS: booleanFromEnv.default(false),
  NSP_CORS_ORIGINS: originList.optional(),
  NSP_FRAME_ANCESTORS: originList.optional(),
  NSP_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').max(256).optional(),
  NSP_LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  NSP_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  NSP_RETENTION_DAYS: z.coerce
    .number({ message: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(36_500, 'must be at most 36500 days')
    .default(730),
  NSP_TRACKING_PREFIX: z
    .string()
    .regex(/^[A-Z][A-Z0-9]{0,7}$/, 'must be 1-8 capital letters or digits, starting with a letter')
    .default('EH'),
  NSP_PHONE_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as US')
    .default('US'),
  NSP_MAP_TILE_URL: tileUrlTemplate.optional(),
  NSP_MAP_TILE_ATTRIBUTION: z.string().trim().max(500, 'must be at most 500 characters').optional(),
  NSP_PUBLIC_RATE_LIMIT: z.coerce
    .number({ message: 'must be a whole number of requests' })
    .int('must be a whole number of requests')
    .min(1, 'must be at least 1')
    .max(1_000_000)
    .default(300),
  NSP_PUBLIC_EXPORT_RATE_LIMIT: z.coerce
    .number({ message: 'must be a whole number of requests' })
    .int('must be a whole number of requests')
    .min(1, 'must be at least 1')
    .max(1_000_000)
    .default(20),
  NSP_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379')
    .optional(),
  NSP_API_CLIENT_RATE_LIMIT: z.coerce
    .number({ message: 'must be a whole number of requests' })
    .int('must be a whole number of requests')
    .min(1, 'must be at least 1')
    .max(1_000_000)
    .default(600),
  NSP_OPEN311_AGENCY: z.string().trim().min(1).max(200).default('Community Outreach Division'),
  NSP_OPEN311_JURISDICTION: z
    .string()
    .regex(/^[A-Za-z0-9.-]{1,100}$/, 'must be a host-like name such as easthartfordct.gov')
    .optional(),
  NSP_SMTP_URL: smtpUrl.optional(),
  NSP_MAIL_FROM: mailFrom.optional(),
  NSP_PUBLIC_BASE_URL: publicBaseUrl.optional(),
  NSP_ATTACHMENT_MAX_BYTES: z.coerce
    .number({ message: 'must be a whole number of bytes' })
    .int('must be a whole number of bytes')
    .min(1024, 'must be at least 1024 bytes')
    .max(1024 * 1024 * 1024, 'must be at most 1 GiB')
    .default(10 * 1024 * 1024),
  NSP_S3_ENDPOINT: z.url({ protocol: /^https?$/, message: 'must be an http(s):// URL' }).optional(),
  NSP_S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'must be an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)',
    )
    .optional(),
  NSP_S3_REGION: z.string().min(1).max(64).optional(),
  NSP_S3_ACCESS_KEY_ID: z.string().min(1).max(256).optional(),
  NSP_S3_SECRET_ACCESS_KEY: z.string().min(1).max(256).optional(),
  NSP_S3_FORCE_PATH_STYLE: booleanFromEnv.optional(),
});

/** Where attachments' files live: a folder, or an S3-compatible bucket (several instances). */
export type AttachmentStorageConfig =
  | { kind: 'local'; directory: string }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      /** Unset: AWS itself. Otherwise an S3-compatible server (MinIO, Ceph, s3rver in tests). */
      endpoint: string | undefined;
      /** Unset: the SDK's default credential chain (instance role, AWS_* variables). Never logged. */
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
      forcePathStyle: boolean;
    };

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** A streaming replica of DATABASE_URL that statistics, dashboards and exports read; unset: the primary. Holds credentials: never log it. */
  databaseReplicaUrl: string | undefined;
  dataDir: string;
  demoData: boolean;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  jwtSecret: string;
  timeZone: string;
  logLevel: string;
  adminDist: string | undefined;
  /** false, a hop count, or the proxies' addresses (NSP_TRUST_PROXY). */
  trustProxy: false | number | string[];
  /** NSP is reached over HTTPS (through a TLS-terminating proxy): send HSTS. */
  behindTls: boolean;
  /** Origins allowed to call the API from a browser (CORS); empty: none. */
  corsOrigins: string[];
  /** Origins allowed to embed the public page (/public/) in a frame; empty: none. */
  frameAncestors: string[];
  /** When set, /metrics needs `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** Login attempts allowed per client address per minute. */
  loginRateLimit: number;
  dbPoolSize: number;
  /** Runs background jobs (SLA breaches, retention) in this process. */
  runJobs: boolean;
  /** Days after closing before a request's requester contact is anonymised. */
  retentionDays: number;
  /** Prefix of service request tracking numbers, e.g. EH in EH-2026-000123. */
  trackingPrefix: string;
  /** Country whose numbering plan a phone number without a country code follows (requester search). */
  phoneRegion: string;
  /** Tile URL template for the admin app's maps; unset: no tiles, polygons over a plain background. */
  mapTileUrl: string | undefined;
  /** Plain-text credit shown with the tiles. */
  mapTileAttribution: string | undefined;
  /** Where residents reach NSP (links in feeds and e-mails): NSP_PUBLIC_BASE_URL, else http://HOST:PORT. */
  publicBaseUrl: string;
  /** Public API requests per client address per minute. */
  publicRateLimit: number;
  /** Public open-data downloads per client address per minute. */
  publicExportRateLimit: number;
  /** Shared store for per-API-client rate limits across instances; unset: each instance counts alone. Holds credentials: never log it. */
  redisUrl: string | undefined;
  /** Default requests per API client per minute (a client's own limit overrides it). */
  apiClientRateLimit: number;
  /** Open311 `agency_responsible`: this name, then " – <neighborhood>" when the request has one. */
  open311Agency: string;
  /** The Open311 `jurisdiction_id` this endpoint serves (others are 404). */
  open311Jurisdiction: string;
  /** Outgoing mail server; unset: mail is written to `<dataDir>/mail` instead of sent. Holds credentials: never log it. */
  smtpUrl: string | undefined;
  /** The From of every e-mail NSP sends. */
  mailFrom: string;
  /** Attachments: where their files are stored. Holds credentials when S3: never log it. */
  attachmentStorage: AttachmentStorageConfig;
  /** Largest upload accepted (bytes); larger gets 413. */
  attachmentMaxBytes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the environment. A bad value throws a ConfigError naming the variable,
 * which server.ts prints before exiting; nothing else in the code reads process.env.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable (common in compose files: `NSP_ADMIN_EMAIL: ''`) means "not set".
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if ((e.NSP_ADMIN_EMAIL === undefined) !== (e.NSP_ADMIN_PASSWORD === undefined)) {
    problems.push('NSP_ADMIN_EMAIL and NSP_ADMIN_PASSWORD: set both or neither');
  }
  if (e.NSP_DATABASE_REPLICA_URL !== undefined && e.DATABASE_URL === undefined) {
    problems.push('NSP_DATABASE_REPLICA_URL: needs DATABASE_URL (the primary it replicates)');
  }
  if (e.JWT_SECRET !== undefined && Buffer.byteLength(e.JWT_SECRET) < 32) {
    problems.push('JWT_SECRET: must be at least 32 bytes');
  }
  if (e.NODE_ENV === 'production' && e.JWT_SECRET === undefined) {
    problems.push('JWT_SECRET: required when NODE_ENV=production (at least 32 bytes)');
  }
  const s3Keys = [e.NSP_S3_ACCESS_KEY_ID, e.NSP_S3_SECRET_ACCESS_KEY];
  if (s3Keys.some((key) => key === undefined) && s3Keys.some((key) => key !== undefined)) {
    problems.push('NSP_S3_ACCESS_KEY_ID and NSP_S3_SECRET_ACCESS_KEY: set both or neither');
  }
  const s3Settings = [e.NSP_S3_ENDPOINT, e.NSP_S3_REGION, ...s3Keys];
  if (e.NSP_S3_BUCKET === undefined && s3Settings.some((value) => value !== undefined)) {
    problems.push('NSP_S3_BUCKET: required when any other NSP_S3_* variable is set');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = path.resolve(e.NSP_DATA_DIR);
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseReplicaUrl: e.NSP_DATABASE_REPLICA_URL,
    dataDir,
    demoData: e.NSP_DEMO_DATA ?? e.DATABASE_URL === undefined,
    adminEmail: e.NSP_ADMIN_EMAIL?.toLowerCase(),
    adminPassword: e.NSP_ADMIN_PASSWORD,
    jwtSecret: e.JWT_SECRET ?? generatedSecret(dataDir),
    timeZone: e.NSP_TIMEZONE,
    logLevel: e.LOG_LEVEL,
    adminDist: e.NSP_ADMIN_DIST,
    trustProxy: e.NSP_TRUST_PROXY,
    behindTls: e.NSP_BEHIND_TLS,
    corsOrigins: e.NSP_CORS_ORIGINS ?? [],
    frameAncestors: e.NSP_FRAME_ANCESTORS ?? [],
    metricsToken: e.NSP_METRICS_TOKEN,
    loginRateLimit: e.NSP_LOGIN_RATE_LIMIT,
    dbPoolSize: e.NSP_DB_POOL_SIZE,
    runJobs: true,
    retentionDays: e.NSP_RETENTION_DAYS,
    trackingPrefix: e.NSP_TRACKING_PREFIX,
    phoneRegion: e.NSP_PHONE_REGION,
    mapTileUrl: e.NSP_MAP_TILE_URL,
    mapTileAttribution: e.NSP_MAP_TILE_ATTRIBUTION,
    publicRateLimit: e.NSP_PUBLIC_RATE_LIMIT,
    publicExportRateLimit: e.NSP_PUBLIC_EXPORT_RATE_LIMIT,
    redisUrl: e.NSP_REDIS_URL,
    apiClientRateLimit: e.NSP_API_CLIENT_RATE_LIMIT,
    open311Agency: e.NSP_OPEN311_AGENCY,
    open311Jurisdiction:
      e.NSP_OPEN311_JURISDICTION ?? new URL(e.NSP_PUBLIC_BASE_URL ?? `http://${hostForUrl(e.HOST)}`).hostname,
    smtpUrl: e.NSP_SMTP_URL,
    mailFrom: e.NSP_MAIL_FROM ?? 'Neighborhood Service Platform <nsp@localhost>',
    publicBaseUrl: e.NSP_PUBLIC_BASE_URL ?? `http://${hostForUrl(e.HOST)}:${e.PORT}`,
    attachmentStorage:
      e.NSP_S3_BUCKET === undefined
        ? { kind: 'local', directory: path.join(dataDir, 'attachments') }
        : {
            kind: 's3',
            bucket: e.NSP_S3_BUCKET,
            region: e.NSP_S3_REGION ?? 'us-east-1',
            endpoint: e.NSP_S3_ENDPOINT,
            credentials:
              e.NSP_S3_ACCESS_KEY_ID && e.NSP_S3_SECRET_ACCESS_KEY
                ? { accessKeyId: e.NSP_S3_ACCESS_KEY_ID, secretAccessKey: e.NSP_S3_SECRET_ACCESS_KEY }
                : undefined,
            // S3-compatible servers mostly want path-style addresses; AWS itself takes virtual hosts.
            forcePathStyle: e.NSP_S3_FORCE_PATH_STYLE ?? e.NSP_S3_ENDPOINT !== undefined,
          },
    attachmentMaxBytes: e.NSP_ATTACHMENT_MAX_BYTES,
  };
}

/** An IPv6 host goes in brackets inside a URL. */
function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Outside production a secret is generated once and kept in the data folder, so logins survive restarts. */
function generatedSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
