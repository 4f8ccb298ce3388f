import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Test files of a worker share one module graph (isolate: false) so that they share one
// embedded PGlite per worker; each file works in a schema of its own (test/helpers/test-db.ts).
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**', 'dist/**'],
    pool: 'forks',
    maxWorkers: 2,
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
