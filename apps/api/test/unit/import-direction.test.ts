import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * Issue #9, items 13 and 14: imports point downwards only. Infrastructure (plugins/) and the schema
 * (db/) know no business module; modules use lib/ and db/, never a plugin's file; lib/ imports no
 * module or plugin. A new arrow the wrong way fails here, naming the file.
 */
const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const full = path.join(folder, entry);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** The src/ folders a file imports from (relative imports only), e.g. ['lib', 'db']. */
function importedAreas(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const areas: string[] = [];
  for (const match of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'/gm)) {
    const target = path.relative(src, path.resolve(path.dirname(file), match[1]!));
    if (!target.startsWith('..')) areas.push(target.split(path.sep)[0]!);
  }
  return areas;
}

function violations(area: string, forbidden: string[]): string[] {
  return filesUnder(path.join(src, area)).flatMap((file) =>
    importedAreas(file)
      .filter((target) => forbidden.includes(target))
      .map((target) => `${path.relative(src, file)} imports from ${target}/`),
  );
}

describe('import direction', () => {
  it('plugins import no module', () => {
    expect(violations('plugins', ['modules', 'demo'])).toEqual([]);
  });
  it('the database schema imports no module or plugin', () => {
    expect(violations('db', ['modules', 'plugins', 'demo'])).toEqual([]);
  });
  it('modules import no plugin', () => {
    expect(violations('modules', ['plugins'])).toEqual([]);
  });
  it('lib imports no module, plugin or demo data', () => {
    expect(violations('lib', ['modules', 'plugins', 'demo'])).toEqual([]);
  });
});
