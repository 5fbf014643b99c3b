import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Each file starts its own reference host (PORT=0, its own data directory and screenshots folder) and
    // Chromium: one file per core, most of a file's time being the page and the server waiting on each other.
    maxWorkers: availableParallelism(),
  },
})
