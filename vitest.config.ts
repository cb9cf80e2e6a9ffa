import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    pool: 'forks',
    // Two test files at a time even on a two-core machine: files wait on their database as much as
    // they compute, and the suite (PGlite, then PostgreSQL) must stay well inside CI's 30 minutes.
    maxWorkers: 2,
    // Migrates one database per run; each test file's database starts as a copy of it.
    globalSetup: ['src/platform/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
