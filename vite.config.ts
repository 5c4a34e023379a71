import { defineConfig } from 'vitest/config';

export default defineConfig({
  server: { port: 5173 },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // The reference step is plain float32 TypeScript: the known-answer runs take seconds each.
    testTimeout: 120_000,
  },
});
