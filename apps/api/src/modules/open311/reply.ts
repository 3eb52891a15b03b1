import type { Open311Format } from '@nsp/contracts';
import type { FastifyReply } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';

/** The element name of one item of each list (open311.md "XML roots"). */
const itemNames: Record<string, string> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  notes: 'note',
  service_request_updates: 'request_update',
};

// Characters XML 1.0 cannot carry at all, even escaped; they are dropped rather than breaking a client's parser.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to remove
const notXmlText = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: false,
  suppressEmptyNode: false,
  suppressBooleanAttributes: false,
  processEntities: true,
});

/** A value as the XML builder's tree: lists become `<name><item/>…</name>`, booleans `true`/`false`. */
function toTree(value: unknown, name: string): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    if (value.length === 0) return '';
    const item = itemNames[name] ?? 'item';
    return { [item]: value.map((entry) => toTree(entry, item)) };
  }
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, entry]) => entry !== undefined)
        .map(([key, entry]) => [key, toTree(entry, key)]),
    );
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value).replace(notXmlText, '');
}

/** The XML document for a reply: `<?xml …?>` and one root element (no namespace), built by fast-xml-parser. */
export function toXml(root: string, value: unknown): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    [root]: toTree(value, root),
  }) as string;
}

/**
 * Sends a GeoReport reply in the format the URL asked for. JSON mirrors the XML: lists are top-level
 * arrays (`root` names the XML root, e.g. `services`), objects are objects.
 */
export function sendOpen311(reply: FastifyReply, format: Open311Format, root: string, value: unknown) {
  if (format === 'xml') {
    return reply.type('text/xml; charset=utf-8').send(toXml(root, value));
  }
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
}

export function formatOf(url: string): Open311Format {
  const path = url.split('?')[0] ?? '';
  return path.endsWith('.json') ? 'json' : 'xml';
}
