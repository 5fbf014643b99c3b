import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import { SlowFirstSequencer } from './test/slow-first-sequencer.js'

// One worker more than the cores: a file spends much of its time waiting (a server starting, Chromium, a
// dead process's lease), and with one worker per core a quarter of the CPU stayed idle (531 s instead of
// 570 s for this run on 2 cores). Vitest's own variable, so that both projects get the same number.
process.env.VITEST_MAX_WORKERS ??= String(availableParallelism() + 1)

/**
 * Everything in one run (what CI runs: `npm run test:all`): the suite and the end-to-end files share
 * one queue of workers, the slowest files first, instead of the browser files waiting for the last
 * file of the suite. Each project keeps its own settings (vitest.config.ts, vitest.e2e.config.ts).
 */
export default defineConfig({
  test: {
    projects: ['./vitest.config.ts', './vitest.e2e.config.ts'],
    sequence: { sequencer: SlowFirstSequencer },
  },
})
