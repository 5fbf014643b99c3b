import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { SlowFirstSequencer } from './test/slow-first-sequencer.js'

/** The reference host imports the library by its package name: tests run it on the sources. */
export const librarySources = [
  { find: /^qonto-reconcile\/core$/, replacement: fileURLToPath(new URL('./src/core.ts', import.meta.url)) },
  { find: /^qonto-reconcile$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
]

export default defineConfig({
  resolve: { alias: librarySources },
  test: {
    name: 'unit',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    exclude: ['test/e2e/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One worker process runs many files: the library, AdminJS and Prisma are imported once per worker, not
    // once per file (about 3 s each). Every file still opens its own databases, apps and servers.
    isolate: false,
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine. A test file
    // spends much of its time waiting (PostgreSQL, child processes, HTTP), so one worker per core.
    maxWorkers: availableParallelism(),
    sequence: { sequencer: SlowFirstSequencer },
    // expect.poll waits for a server, a child process or a background job: its 1 s default is too short
    // when three workers share two cores.
    expect: { poll: { timeout: 10_000 } },
    // The CLI speaks the environment's language (src/cli/cli-language.ts): the tests read French whatever the developer's locale.
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', LC_ALL: 'C.UTF-8' },
  },
})
