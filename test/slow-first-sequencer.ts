/**
 * Runs the slowest test files first, so that no worker is left with a long file once the others are
 * done (the suite's length is then about its CPU time divided by the workers, not that plus a long
 * tail). Vitest orders by the durations of the previous run, which a clean clone (CI) does not have;
 * this list, slowest first, measured on an idle 2-core machine, stands in for them. A file not listed
 * keeps Vitest's own order (end-to-end files before the others, then the largest first), after these.
 */
import { relative } from 'node:path'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/** Seconds of one worker, on an idle 2-core machine (server starts included). */
export const SLOW_FILES: ReadonlyArray<readonly [string, number]> = [
  ['test/e2e/panel-tour.e2e.test.ts', 130],
  ['test/two-process/two-process.test.ts', 69],
  ['test/extension/host-matrix.test.ts', 67],
  ['test/e2e/work-queue.e2e.test.ts', 50],
  ['test/e2e/associer.e2e.test.ts', 45],
  ['test/e2e/explained.e2e.test.ts', 35],
  ['test/host-shutdown.test.ts', 27],
  ['test/e2e/lists-and-dead-ends.e2e.test.ts', 25],
  ['test/e2e/learning.e2e.test.ts', 24],
  ['test/reconciliation/evidence-parity.test.ts', 23],
  ['test/e2e/feed-health.e2e.test.ts', 23],
  ['test/e2e/keyboard-queue.e2e.test.ts', 22],
  ['test/e2e/reconciliation.e2e.test.ts', 21],
  ['test/qonto/qonto-connection.test.ts', 19],
  ['test/schema/invariants.test.ts', 18],
  ['test/e2e/qonto-connection.e2e.test.ts', 18],
  ['test/production-start.test.ts', 17],
  ['test/webhooks/webhook-subscription.test.ts', 16],
  ['test/qonto/sync-entry-points.test.ts', 15],
]

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root
    const seconds = new Map(SLOW_FILES)
    const ordered = await super.sort(files)
    const weight = (file: TestSpecification) => seconds.get(relative(root, file.moduleId).split('\\').join('/')) ?? 0
    return ordered.map((file, index) => ({ file, index, weight: weight(file) })).sort((a, b) => b.weight - a.weight || a.index - b.index).map(({ file }) => file)
  }
}
