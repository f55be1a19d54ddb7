import { defineConfig } from 'vitest/config';

// Browser journeys: the built web app (web/dist, `npm run build:web`) served by the real server on a fresh
// PostgreSQL database, driven with Debian's Chromium through playwright-core, each page scanned with axe.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One browser and one server at a time: the machine has two cores.
    fileParallelism: false,
    maxWorkers: 1,
  },
});
