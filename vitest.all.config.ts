import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import { SlowFirstSequencer } from './test/slow-first-sequencer.js'

/**
 * Everything in one run (what CI runs: `npm run test:all`): the suite and the end-to-end files share
 * one queue of workers, the slowest files first, instead of the browser files waiting for the last
 * file of the suite. Each project keeps its own settings (vitest.config.ts, vitest.e2e.config.ts).
 */
export default defineConfig({
  test: {
    projects: ['./vitest.config.ts', './vitest.e2e.config.ts'],
    maxWorkers: availableParallelism(),
    sequence: { sequencer: SlowFirstSequencer },
  },
})
