/**
 * Once per end-to-end run: the reference host's `start` on an empty embedded database, as `npm start`
 * on a new machine (migrations, demo month, AdminJS's watcher bundling the components), then stopped.
 * Every test server then starts on a copy of that database and serves that bundle (test/e2e/panel-server.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { spawnPanel, type PanelTemplate } from './panel-server.js'

export default async function setup(project: TestProject): Promise<() => void> {
  const root = mkdtempSync(join(tmpdir(), 'qr-e2e-template-'))
  const template: PanelTemplate = { dataDir: join(root, 'pglite'), bundleDir: join(root, 'bundle') }
  const panel = await spawnPanel({ PGLITE_DIR: template.dataDir, ADMIN_JS_TMP_DIR: template.bundleDir })
  await panel.stop()
  project.provide('e2eTemplate', template)
  return () => rmSync(root, { recursive: true, force: true })
}
