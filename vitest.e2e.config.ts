import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import { SlowFirstSequencer } from './test/slow-first-sequencer.js'

export default defineConfig({
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Each file starts its own reference host (PORT=0, its own data directory and screenshots folder) and
    // Chromium: one file per core, most of a file's time being the page and the server waiting on each other.
    maxWorkers: availableParallelism(),
    sequence: { sequencer: SlowFirstSequencer },
    // expect.poll's 1 s default is shorter than a filtered page can take when Chromium, a server and other
    // files share two cores: a poll that fails then reports a false "expected false to be true".
    expect: { poll: { timeout: 15_000 } },
  },
})
