// Compiles the API to JavaScript for production: one ES module bundle, dist/server.js, with the
// workspace's own TypeScript (src/ and @nsp/contracts) inside and every npm dependency left as an
// import, resolved from node_modules at run time (so the image only needs production dependencies).
// `npm start` (scripts/nsp.mjs) runs it when the sources are newer than dist/.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(path.join(apiDir, 'package.json'), 'utf8'));
const workspacePackages = new Set(['@nsp/contracts']);
const external = Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })
  .filter((name) => !workspacePackages.has(name))
  // Subpath imports (drizzle-orm/pg-core, @electric-sql/pglite/contrib/…) stay external too.
  .flatMap((name) => [name, `${name}/*`]);
// @nsp/contracts' own dependencies (zod) are the API's dependencies as well.
for (const name of Object.keys(
  JSON.parse(readFileSync(path.join(apiDir, '../../packages/contracts/package.json'), 'utf8')).dependencies ??
    {},
)) {
  if (!manifest.dependencies[name])
    throw new Error(`@nsp/contracts needs ${name}: add it to apps/api's dependencies`);
}

rmSync(path.join(apiDir, 'dist'), { recursive: true, force: true });
const started = Date.now();
await build({
  entryPoints: { server: path.join(apiDir, 'src/server.ts') },
  outdir: path.join(apiDir, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  sourcemap: true,
  external,
  // server.ts loads the application after checking the configuration: that stays a separate chunk.
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  legalComments: 'none',
});
process.stdout.write(`Built apps/api/dist in ${Date.now() - started} ms\n`);
