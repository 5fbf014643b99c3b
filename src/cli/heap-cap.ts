/**
 * `qonto-reconcile sync` runs under a V8 old-space cap it sets itself. The sync streams (a batch of
 * pages at a time; its live heap stays about 37 MB from the first page to the 50,000th), but under
 * Node's default limit of several GB V8 lets the garbage of the pages already stored pile up before a
 * full collection: bench:sync (idle) measured a heap peak of 151 MB and an RSS peak of 299 MB for
 * 50,000 rows, against 63 MB and 233 MB with the cap (README, "Sync memory"). The cap only moves the full
 * collections earlier; what the sync keeps alive is far below it.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'

/** The old-space cap of the sync command, in MB: about 3× what a sync keeps alive. */
export const SYNC_OLD_SPACE_MB = 128

/** Set in the child this module starts, so that it never starts another one. */
const CAPPED = 'QONTO_RECONCILE_HEAP_CAPPED'

/** Whether Node was started with a heap cap already (its command line or NODE_OPTIONS): the user's choice wins. */
export function hasHeapCap(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  return [...execArgv, ...nodeOptions.split(/\s+/)].some((arg) => /^--max[-_]old[-_]space[-_]size(=|$)/.test(arg))
}

/**
 * For the CLI's entry script only: `sync` is run again in a child Node with the cap, its output and
 * exit code passed through, and the child's exit code returned; null when this process runs the
 * command itself (another command, or a cap already set).
 */
export async function rerunCapped(argv: readonly string[], script = process.argv[1]): Promise<number | null> {
  if (argv[0] !== 'sync' || !script || process.env[CAPPED] || hasHeapCap()) return null
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${SYNC_OLD_SPACE_MB}`, script, ...argv], {
    stdio: 'inherit',
    env: { ...process.env, [CAPPED]: '1' },
  })
  // Ctrl-C reaches both processes (same process group): the child stops on its own; a SIGTERM sent to this one is passed on.
  const onInterrupt = () => undefined
  const onTerminate = () => child.kill('SIGTERM')
  process.on('SIGINT', onInterrupt)
  process.on('SIGTERM', onTerminate)
  try {
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null]
    return code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1)
  } finally {
    process.off('SIGINT', onInterrupt)
    process.off('SIGTERM', onTerminate)
  }
}
