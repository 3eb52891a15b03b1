import { isDeepStrictEqual } from 'node:util';
import fastJson from 'fast-json-stringify';
import { createSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type JsonSchema = { [key: string]: unknown };
type Serialize = (data: unknown) => string;

/** Keywords that only validate: the writer does not need them (and anyOf branches stay cheap). */
const validationOnly = new Set([
  '$schema',
  'description',
  'title',
  'examples',
  'format',
  'pattern',
  'propertyNames',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'uniqueItems',
  'multipleOf',
  'default',
]);

/** Keywords the writer would have to decide between at run time (fast-json-stringify runs Ajv then). */
const choices = ['anyOf', 'oneOf', 'allOf', 'not', 'if', 'then', 'else', 'const', 'enum'];

/**
 * The contract's JSON Schema reduced to what writing it needs. `X | null` becomes X with type
 * [X's type, 'null']. Returns null when the schema still has a choice to make (a union, a
 * constant, a transform zod could not express), which the zod writer keeps handling.
 */
function writerSchema(node: unknown, definitions: JsonSchema = {}): unknown {
  const simplify = (child: unknown) => writerSchema(child, definitions);
  if (Array.isArray(node)) {
    const items = node.map(simplify);
    return items.includes(null) ? null : items;
  }
  if (!node || typeof node !== 'object') return node;
  let schema = node as JsonSchema;
  const onlyValidation = (key: string) => validationOnly.has(key);
  // zod writes a described reference as { description, allOf: [{ $ref }] }: the reference itself.
  const allOf = schema.allOf as JsonSchema[] | undefined;
  if (allOf?.length === 1 && Object.keys(schema).every((key) => key === 'allOf' || onlyValidation(key))) {
    schema = allOf[0]!;
  }
  const anyOf = schema.anyOf as JsonSchema[] | undefined;
  if (anyOf?.length === 2 && Object.keys(schema).every((key) => key === 'anyOf' || onlyValidation(key))) {
    const nullIndex = anyOf.findIndex((branch) => branch.type === 'null' && Object.keys(branch).length === 1);
    let other = anyOf[1 - nullIndex];
    const reference =
      typeof other?.$ref === 'string' ? other.$ref.replace(/^#\/definitions\//, '') : undefined;
    if (reference !== undefined) other = definitions[reference] as JsonSchema | undefined;
    // Any value or null is any value (a free-form JSON field).
    if (nullIndex !== -1 && other && Object.keys(other).length === 0) return {};
    if (nullIndex !== -1 && other && typeof other.type === 'string') {
      const simplified = simplify(other) as JsonSchema | null;
      return simplified && { ...simplified, type: [other.type, 'null'] };
    }
  }
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (onlyValidation(key)) continue;
    // `enum`/`const` on a string or number only validate: the writer writes the value as it is.
    if ((key === 'enum' || key === 'const') && schema.type !== undefined && schema.type !== 'object')
      continue;
    if (choices.includes(key)) return null;
    if (key === 'properties' || key === 'definitions' || key === '$defs') {
      const mapped: JsonSchema = {};
      for (const [name, child] of Object.entries(value as JsonSchema)) {
        const simplified = simplify(child);
        if (simplified === null) return null;
        mapped[name] = simplified;
      }
      out[key] = mapped;
      continue;
    }
    const simplified = simplify(value);
    if (simplified === null) return null;
    out[key] = simplified;
  }
  return out;
}

/** A fast-json-stringify writer for this zod schema, or null when zod must keep writing it. */
export function compileWriter(schema: z.ZodType): Serialize | null {
  let json: unknown;
  try {
    json = z.toJSONSchema(schema, { target: 'draft-7', io: 'output', unrepresentable: 'throw' });
  } catch {
    return null;
  }
  const simplified = writerSchema(json, ((json as JsonSchema).definitions ?? {}) as JsonSchema);
  if (!simplified) return null;
  try {
    return fastJson(simplified as Parameters<typeof fastJson>[0]) as Serialize;
  } catch {
    return null;
  }
}

/** Thrown (tests and development only) when the compiled writer and zod would send different replies. */
export class ReplyWriterMismatchError extends Error {}

/**
 * Fastify's serializer compiler: replies are written by fast-json-stringify compiled from the
 * contract's JSON Schema (one pass, no validation) instead of validated by zod and then written by
 * JSON.stringify on every request. Schemas it cannot express exactly (unions, transforms) keep the
 * zod writer. With `verify` (NODE_ENV other than production: every test run), each reply is written
 * both ways and must come out the same, so the whole test suite checks that the fast writer sends
 * what the contract says; a reply that breaks its contract still fails there as it always did.
 */
export function replySerializerCompiler(options: { verify: boolean }) {
  const zodCompiler = createSerializerCompiler({});
  return (route: Parameters<typeof zodCompiler>[0]): Serialize => {
    const viaZod = zodCompiler(route);
    const schema = route.schema instanceof z.ZodType ? route.schema : undefined;
    if (!schema) return viaZod;
    // Compiled on the first reply, not at start: compiling every route's writer took ~1 s at boot.
    let writer: Serialize | undefined;
    const write = (data: unknown) => {
      writer ??= compileWriter(schema) ?? viaZod;
      return writer(data);
    };
    return rememberingFrozen(options.verify ? verified(route, write, viaZod) : write);
  };
}

/**
 * A reply that handlers send again and again unchanged (e.g. a remembered request page): frozen by
 * `sentAgain`, its JSON is written once per route and reused while the object lives.
 */
export function sentAgain<T extends object>(reply: T): Readonly<T> {
  return Object.freeze(reply);
}

/**
 * The replies made from one remembered source (e.g. cached rows), by what else they depend on (the
 * viewer, what the clock decided): the same key gives the same frozen reply while the source lives.
 */
export class SentAgainReplies<T extends object> {
  private readonly bySource = new WeakMap<object, Map<string, Readonly<T>>>();

  get(source: object, key: string, make: () => T): Readonly<T> {
    let replies = this.bySource.get(source);
    if (!replies) {
      replies = new Map();
      this.bySource.set(source, replies);
    }
    let reply = replies.get(key);
    if (!reply) {
      reply = sentAgain(make());
      replies.set(key, reply);
    }
    return reply;
  }
}

function rememberingFrozen(write: Serialize): Serialize {
  const written = new WeakMap<object, string>();
  return (data) => {
    if (data === null || typeof data !== 'object' || !Object.isFrozen(data)) return write(data);
    let text = written.get(data);
    if (text === undefined) {
      text = write(data);
      written.set(data, text);
    }
    return text;
  };
}

function verified(route: { method: string; url: string }, write: Serialize, viaZod: Serialize): Serialize {
  return (data) => {
    const expected = viaZod(data);
    const written = write(data);
    if (written !== expected && !isDeepStrictEqual(JSON.parse(written), JSON.parse(expected))) {
      throw new ReplyWriterMismatchError(
        `${route.method} ${route.url}: the compiled writer wrote ${written.slice(0, 400)} where the contract gives ${expected.slice(0, 400)}`,
      );
    }
    return written;
  };
}
