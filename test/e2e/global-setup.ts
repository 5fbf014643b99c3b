/**
 * Once per end-to-end run: the reference host's `start` on an empty embedded database, as `npm start`
 * on a new machine (migrations, demo month, AdminJS's watcher bundling the components), then stopped.
 * Every test server then starts on a copy of that database and serves that bundle (test/e2e/panel-server.ts).
 * Built in the background: the suite's files run meanwhile (`npm run test:all`), and a test server waits
 * for the `ready` file (or the `failed` one, with the reason).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { spawnPanel, type PanelTemplate } from './panel-server.js'

export default function setup(project: TestProject): () => Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'qr-e2e-template-'))
  const template: PanelTemplate = { dataDir: join(root, 'pglite'), bundleDir: join(root, 'bundle'), ready: join(root, 'ready'), failed: join(root, 'failed') }
  const built = spawnPanel({ PGLITE_DIR: template.dataDir, ADMIN_JS_TMP_DIR: template.bundleDir })
    .then((panel) => panel.stop())
    .then(
      () => writeFileSync(template.ready, ''),
      (error: unknown) => writeFileSync(template.failed, String(error instanceof Error ? error.message : error)),
    )
  project.provide('e2eTemplate', template)
  return async () => {
    await built
    rmSync(root, { recursive: true, force: true })
  }
}
