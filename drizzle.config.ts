import { defineConfig } from 'drizzle-kit';

// One schema for PGlite and PostgreSQL: every tables.ts of the platform and of the modules.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/**/tables.ts', './src/modules/**/tables.ts'],
  out: './migrations',
});
