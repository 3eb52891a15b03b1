import { z } from 'zod';
import { problemSchema } from './common.ts';
import { defineContract } from './route.ts';

const tags = ['operations'] as const;

export const operationsContracts = {
  health: defineContract({
    method: 'GET',
    path: '/healthz',
    summary: 'The process is up (does not touch the database)',
    tags,
    responses: { 200: z.object({ status: z.literal('ok') }) },
  }),
  ready: defineContract({
    method: 'GET',
    path: '/readyz',
    summary: 'Ready to serve: 200 when the database answers, 503 otherwise',
    tags,
    responses: {
      200: z.object({ status: z.literal('ready'), database: z.enum(['postgres', 'embedded']) }),
      503: problemSchema,
    },
  }),
  metrics: defineContract({
    method: 'GET',
    path: '/metrics',
    summary: 'Prometheus metrics in the text exposition format',
    tags,
    responses: { 200: z.string() },
  }),
};
