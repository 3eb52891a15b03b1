import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { access } from '../lib/access.ts';

/** OpenAPI 3.1 generated from the routes' zod contracts; served at /openapi.json and browsable at /docs. */
export const openApiPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'NSP — Neighborhood Service Platform API',
          version: '1.0.0',
          description:
            'REST API of the Neighborhood Service Platform: neighborhoods, assignments, service requests, SARA cases, meetings, public and Open311 surfaces. Errors are RFC 9457 problem+json.',
          license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
        },
        servers: [{ url: '/' }],
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
            apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
          },
        },
        security: [],
        tags: [
          { name: 'operations', description: 'Health, readiness, metrics' },
          { name: 'auth', description: 'Login, tokens, the current user' },
          { name: 'users', description: 'User administration' },
          { name: 'api-clients', description: 'Integration clients and their keys' },
          { name: 'stats', description: 'Response times, SLA compliance, backlog, scorecards' },
          { name: 'events', description: 'Live updates (Server-Sent Events)' },
          { name: 'personnel', description: 'Members of the department and their workload' },
          {
            name: 'assignments',
            description: 'Who is responsible where, over time; lieutenant reassignment',
          },
          {
            name: 'service-types',
            description: 'Request categories, SLA targets, response templates, business calendar',
          },
          {
            name: 'service-requests',
            description: 'Intake, the triage queue, workflow, timeline, merge and bulk actions',
          },
          { name: 'neighborhoods', description: 'Neighborhoods, versioned boundaries and boundary imports' },
          {
            name: 'geocoding',
            description: 'Address points, geocoding and locating a point in a neighborhood',
          },
          { name: 'client-config', description: 'Run-time settings for the staff app (map tiles)' },
          {
            name: 'public',
            description:
              'No login, no personal data, in the languages the department publishes in (`?lang=` or Accept-Language; Content-Language says which). Cached: ETag, 304 on If-None-Match; limited per client address (429 with Retry-After)',
          },
          { name: 'public-texts', description: 'Translations of the public surface, and its languages' },
          {
            name: 'open311',
            description:
              "Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) at /open311/v2, for 311 apps, city websites and CRMs. Every endpoint in XML (`.xml`) and JSON (`.json`); GETs are public, POST requests needs `api_key` (an API client with the `open311` scope) and a form-encoded body. Errors are the specification's list of `{code, description}` (XML `errors/error`): 404 unknown service, request, token or jurisdiction; 403 missing or wrong api_key; 400 anything else. Extensions: `page`/`page_size`, `extensions=true`, `servicerequestupdates`, Accept-Language. Replies carry no personal data and only the hundred-block of an address.",
          },
          {
            name: 'webhooks',
            description:
              'Event subscriptions for integrations. Deliveries are signed per Standard Webhooks (webhook-id = event id, webhook-timestamp, webhook-signature `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with the `whsec_` secret), in order per subscription, retried with exponential backoff and jitter; a subscription whose delivery fails 10 times is disabled and its owner told.',
          },
        ],
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(fastifySwaggerUi, {
      routePrefix: '/docs',
      uiConfig: { url: '/openapi.json' },
      uiHooks: {},
      // swagger-ui ships inline bootstrapping: its own CSP (with the hashes it needs) replaces
      // the admin app's on /docs only.
      staticCSP: true,
    });
    app.get('/openapi.json', { schema: { hide: true }, config: { access: access.public() } }, async () =>
      app.swagger(),
    );
  },
  { name: 'nsp-openapi' },
);
