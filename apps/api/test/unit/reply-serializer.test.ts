import { serviceRequestDetailSchema, serviceRequestSchema } from '@nsp/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileWriter, replySerializerCompiler, sentAgain } from '../../src/lib/reply-serializer.ts';

const uuid = '3f2b8c1e-8d4a-4c7e-9b2f-1a2b3c4d5e6f';

/** A request as the service hands it over, with a field the contract does not have. */
function request(overrides: Record<string, unknown> = {}) {
  return {
    id: uuid,
    trackingNumber: 'EH-2026-000123',
    serviceCode: 'graffiti',
    status: 'new',
    priority: 'P3',
    channel: 'phone',
    description: 'Tag on the "bridge"\n\u2028 with a quote',
    address: '1 Main St',
    lat: 41.76,
    lon: -72.64,
    neighborhoodId: null,
    neighborhood: null,
    assigneeId: uuid,
    assignee: { id: uuid, name: 'Ana Ruiz', title: 'NRO', badge: 'not in the contract' },
    attributes: { RECURRING: 'yes', nested: { deep: [1, null, 'x'] } },
    parentId: null,
    firstResponseDueAt: '2026-12-03T19:31:50.855Z',
    resolutionDueAt: '2026-12-05T19:31:50.855Z',
    firstRespondedAt: null,
    resolvedAt: null,
    closedAt: null,
    overdue: false,
    firstResponseOverdue: true,
    requesterLanguage: 'es',
    createdAt: '2026-12-02T19:31:50.855Z',
    updatedAt: '2026-12-02T19:31:50.855Z',
    version: 3,
    requesterEmail: 'someone@example.org',
    ...overrides,
  };
}

function event(overrides: Record<string, unknown> = {}) {
  return {
    id: '17',
    occurredAt: '2026-12-02T19:31:50.855Z',
    kind: 'status_changed',
    actor: { type: 'user', id: uuid, name: 'Ana Ruiz' },
    before: { status: 'new' },
    after: { status: 'triaged', assigneeId: uuid, assignee: { id: uuid, name: 'Ana', title: 'NRO' } },
    body: null,
    visibility: 'internal',
    language: null,
    requesterNotice: null,
    ...overrides,
  };
}

describe('replies written from the contracts (fast-json-stringify)', () => {
  it('writes a request detail exactly as zod would, nullable objects, references and free-form fields included', () => {
    const write = compileWriter(serviceRequestDetailSchema);
    expect(write).not.toBeNull();
    const detail = {
      ...request(),
      requester: {
        name: 'Piotr Nowak',
        email: null,
        phone: '(860) 555-0128',
        preferredLanguage: 'pl',
        emailUpdates: false,
      },
      timeline: [
        event(),
        event({
          id: '18',
          kind: 'note',
          before: null,
          after: null,
          body: 'Called back',
          requesterNotice: {
            channel: 'email',
            status: 'sent',
            reason: null,
            language: 'es',
            sentAt: '2026-12-02T19:35:00.000Z',
          },
        }),
      ],
      allowedTransitions: ['triaged', 'rejected'],
      duplicates: [{ id: uuid, trackingNumber: 'EH-2026-000124' }],
    };
    const viaZod = JSON.stringify(serviceRequestDetailSchema.encode(detail as never));
    expect(JSON.parse(write!(detail))).toEqual(JSON.parse(viaZod));
  });

  it('never writes a field the contract does not have (personal data stays out of replies that lack it)', () => {
    const write = compileWriter(serviceRequestSchema)!;
    const written = JSON.parse(write(request()));
    expect(written).not.toHaveProperty('requesterEmail');
    expect(written.assignee).toEqual({ id: uuid, name: 'Ana Ruiz', title: 'NRO' });
    expect(written.description).toBe('Tag on the "bridge"\n\u2028 with a quote');
  });

  it('leaves unions to zod', () => {
    const union = z.object({ shape: z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]) });
    expect(compileWriter(union)).toBeNull();
  });

  it('in verify mode (tests, development) a reply that breaks its contract still fails; in production the compiled writer alone writes', () => {
    const compile = replySerializerCompiler({ verify: true });
    const schema = z.object({ when: z.string() });
    const serialize = compile({ schema, method: 'GET', url: '/x', httpStatus: '200' } as never);
    expect(serialize({ when: 'now' })).toBe('{"when":"now"}');
    // A Date where the contract says string: zod refuses it; the compiled writer alone would write it.
    expect(() => serialize({ when: new Date(0) })).toThrow();
    const lenient = replySerializerCompiler({ verify: false })({
      schema,
      method: 'GET',
      url: '/x',
      httpStatus: '200',
    } as never);
    expect(lenient({ when: 'now' })).toBe('{"when":"now"}');
  });

  it('writes a reply sent again unchanged (sentAgain) once, and an ordinary object afresh each time', () => {
    const schema = z.object({ items: z.array(z.object({ label: z.string() })) });
    const serialize = replySerializerCompiler({ verify: true })({
      schema,
      method: 'GET',
      url: '/x',
      httpStatus: '200',
    } as never);
    let reads = 0;
    const counted = (label: string) => ({
      get label() {
        reads++;
        return label;
      },
    });
    const remembered = sentAgain({ items: [counted('a'), counted('b')] });
    const first = serialize(remembered);
    const readsAfterFirst = reads;
    expect(serialize(remembered)).toBe(first);
    expect(JSON.parse(first)).toEqual({ items: [{ label: 'a' }, { label: 'b' }] });
    expect(reads).toBe(readsAfterFirst);
    // Not frozen: written on every call, so a changed object is written as it is now.
    const ordinary = { items: [{ label: 'a' }] };
    expect(serialize(ordinary)).toBe('{"items":[{"label":"a"}]}');
    ordinary.items[0]!.label = 'changed';
    expect(serialize(ordinary)).toBe('{"items":[{"label":"changed"}]}');
  });
});
