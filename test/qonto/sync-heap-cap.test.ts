import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hasHeapCap, rerunCapped, SYNC_OLD_SPACE_MB } from '../../src/cli/heap-cap.js'

describe('qonto-reconcile sync sets its own heap cap', () => {
  it('runs sync again in a child Node under the cap, passing its exit code through; other commands run here', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qr-heap-cap-'))
    const script = join(dir, 'entry.mjs')
    // Stands for the CLI's entry script: exits with the old-space limit it was given, in MB.
    await writeFile(script, `import v8 from 'node:v8'\nprocess.exit(Math.round(v8.getHeapStatistics().heap_size_limit / 1048576) <= ${SYNC_OLD_SPACE_MB * 2} ? 42 : 7)\n`)
    expect(await rerunCapped(['sync', '--since', '2026-11-01'], script)).toBe(42)
    expect(await rerunCapped(['export'], script)).toBeNull()
  })

  it("leaves the user's own cap alone (command line or NODE_OPTIONS)", () => {
    expect(hasHeapCap(['--max-old-space-size=512'], '')).toBe(true)
    expect(hasHeapCap([], '--enable-source-maps --max-old-space-size=2048')).toBe(true)
    expect(hasHeapCap(['--conditions=qonto-reconcile-source', '--import', 'tsx'], '')).toBe(false)
  })
})
