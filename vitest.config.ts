import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser tests start Chromium and a server; give them room without hiding hangs.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
