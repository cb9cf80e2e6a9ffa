import { defineConfig } from 'vitest/config';

/**
 * Browser tests: each file starts the real server as a child process and drives Debian's chromium.
 * One file at a time, so two servers and two browsers never compete for the machine's two cores.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
