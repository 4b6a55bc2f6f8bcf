import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser tests start Chromium and a server; give them room without hiding hangs.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // npm start's demo holds the sample's 2,357 customers; tests that only need a workbook
    // to click in get its first 300 (test/local/demo.test.ts checks the whole one).
    env: { KARTOTEKA_DEMO_CUSTOMERS: '300' },
  },
});
