import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    coverage: {
      provider: 'v8',
      reporter: ['text-summary', 'text'],
      include: ['model/**', 'properties/**', 'checker/**', 'reports/**', 'cli/**', 'scenarios/**'],
    },
  },
});
