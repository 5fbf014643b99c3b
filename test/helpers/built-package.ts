/**
 * dist/ built from the current sources, once per test run, for the tests that run the published JS
 * (the CLI's module loading, the packed tarball). Test files run in parallel processes: a lock
 * directory makes one build and the others wait for its stamp.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const STAMP = join(ROOT, '.test-build.stamp')
const LOCK = join(ROOT, '.test-build.lock')
const STALE_LOCK_MS = 5 * 60_000

/** `runId` comes from the global setup (inject('testRunId')): one build per run, whatever the files. */
export async function ensureBuiltPackage(runId: string): Promise<void> {
  for (;;) {
    if (stamp() === runId) return
    if (takeLock()) break
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  try {
    if (stamp() === runId) return
    execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' })
    writeFileSync(STAMP, runId)
  } finally {
    rmSync(LOCK, { recursive: true, force: true })
  }
}

function stamp(): string | undefined {
  try {
    return readFileSync(STAMP, 'utf8')
  } catch {
    return undefined
  }
}

function takeLock(): boolean {
  try {
    mkdirSync(LOCK)
    return true
  } catch {
    // A lock left by a killed run is taken over.
    try {
      if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true })
    } catch {
      // it was just released
    }
    return false
  }
}
