import { defineConfig } from 'drizzle-kit';

// Migrations are generated from src/db/schema into the repository's top-level migrations/ folder,
// reviewed and committed; the server applies them at start (src/db/migrate.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: '../../migrations',
  casing: 'snake_case',
});
