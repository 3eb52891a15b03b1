import { z } from 'zod';
import { isoDateTimeSchema, roleSchema, uuidSchema } from './common.ts';

export const passwordPolicy = { minLength: 12, maxLength: 128 } as const;

export const passwordSchema = z
  .string()
  .min(passwordPolicy.minLength, `must be at least ${passwordPolicy.minLength} characters`)
  .max(passwordPolicy.maxLength, `must be at most ${passwordPolicy.maxLength} characters`);

export const emailSchema = z
  .email({ message: 'must be an e-mail address' })
  .max(254)
  .transform((value) => value.toLowerCase());

export const sessionUserSchema = z.object({
  id: uuidSchema,
  email: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
});

export const loginBodySchema = z.object({
  email: z.string().min(1, 'is required').max(254),
  password: z.string().min(1, 'is required').max(1024),
});

export const refreshBodySchema = z.object({ refreshToken: z.string().min(1, 'is required').max(512) });

export const sessionSchema = z
  .object({
    accessToken: z.string(),
    expiresIn: z.number().int().describe('Seconds until the access token expires'),
    refreshToken: z.string(),
    user: sessionUserSchema,
  })
  .meta({ id: 'Session' });

export const userSchema = z
  .object({
    id: uuidSchema,
    email: z.string(),
    name: z.string(),
    roles: z.array(roleSchema),
    active: z.boolean(),
    lockedUntil: isoDateTimeSchema.nullable(),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

export const createUserBodySchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, 'is required').max(200),
  password: passwordSchema,
  roles: z.array(roleSchema).min(1, 'needs at least one role').max(5),
});

export const updateUserBodySchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200).optional(),
    roles: z.array(roleSchema).min(1, 'needs at least one role').max(5).optional(),
    active: z.boolean().optional(),
    password: passwordSchema.optional(),
    unlock: z.literal(true).optional().describe('Clears a login lockout'),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });

export const apiClientScopes = ['open311', 'requests:read', 'requests:write', 'public:read'] as const;
export const apiClientScopeSchema = z.enum(apiClientScopes);

export const apiClientSchema = z
  .object({
    id: uuidSchema,
    name: z.string(),
    scopes: z.array(apiClientScopeSchema),
    keyPrefix: z.string().describe('First characters of the key, to recognise it'),
    createdAt: isoDateTimeSchema,
    revokedAt: isoDateTimeSchema.nullable(),
    lastUsedAt: isoDateTimeSchema.nullable(),
    rateLimitPerMinute: z
      .number()
      .int()
      .nullable()
      .describe(
        "The client's own limit per minute; null: the deployment's default (NSP_API_CLIENT_RATE_LIMIT)",
      ),
  })
  .meta({ id: 'ApiClient' });

const rateLimitPerMinuteSchema = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(1_000_000, 'must be at most 1000000');

export const createApiClientBodySchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200),
    scopes: z.array(apiClientScopeSchema).min(1, 'needs at least one scope'),
    rateLimitPerMinute: rateLimitPerMinuteSchema.nullable().optional(),
  })
  .meta({
    examples: [{ name: 'Town website', scopes: ['open311', 'public:read'], rateLimitPerMinute: 300 }],
  });

export const updateApiClientBodySchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200).optional(),
    rateLimitPerMinute: rateLimitPerMinuteSchema.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });

export const apiClientUsageSchema = z
  .object({
    clientId: uuidSchema,
    rateLimitPerMinute: z.number().int().describe('The limit in force (own or default)'),
    lastUsedAt: isoDateTimeSchema.nullable(),
    days: z
      .array(z.object({ day: z.iso.date(), requests: z.number().int() }))
      .describe('Requests per day (department time zone), last 30 days, newest first'),
  })
  .meta({ id: 'ApiClientUsage' });

export const createdApiClientSchema = apiClientSchema.extend({
  key: z.string().describe('The API key. Shown only in this reply; store it now.'),
});

export type Session = z.infer<typeof sessionSchema>;
export type SessionUser = z.infer<typeof sessionUserSchema>;
export type ApiClient = z.infer<typeof apiClientSchema>;
export type CreatedApiClient = z.infer<typeof createdApiClientSchema>;
export type CreateUserBody = z.input<typeof createUserBodySchema>;
export type UpdateUserBody = z.input<typeof updateUserBodySchema>;
export type CreateApiClientBody = z.input<typeof createApiClientBodySchema>;
