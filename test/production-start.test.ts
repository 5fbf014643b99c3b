import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../examples/src/database.js'
import { announcedPort } from './helpers/announced-port.js'

const PRODUCTION_KEY = 'q2ZlY3JldC1rZXktZm9yLXRoZS1wcm9kdWN0aW9uLXQ='

/** `NODE_ENV=production start`: the custom components bundle is served (Express 5 dot-directory trap), no demo data. */
describe('production start', () => {
  it('serves the component bundle, answers health, seeds no demo data and creates only the given admin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qr-prod-'))
    const root = join(import.meta.dirname, '..')
    // The reference host's `start` (npm start), run on the sources as in this repository.
    const server = spawn(process.execPath, ['--conditions=qonto-reconcile-source', '--import', 'tsx', join(root, 'examples', 'src', 'cli.ts'), 'start'], {
      cwd: root,
      env: {
        ...process.env, NODE_ENV: 'production', PORT: '0', PGLITE_DIR: join(dir, 'db'), ADMIN_JS_TMP_DIR: join(dir, 'bundle'),
        LOG_LEVEL: 'info', SESSION_SECRET: 'f3a9c1e07b2d4c68a5e9f0b1c2d3e4f5a6b7c8d9e0', ADMIN_EMAIL: 'admin@agence.fr', ADMIN_PASSWORD: 'un-vrai-mot-de-passe', QONTO_SYNC_INTERVAL: '0',
        QONTO_ENCRYPTION_KEY: PRODUCTION_KEY,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    server.stdout!.on('data', (c: Buffer) => (output += c.toString()))
    try {
      await expect.poll(() => output.includes('back-office ready'), { timeout: 90_000, interval: 250 }).toBe(true)
      const port = announcedPort(output)
      const bundle = await fetch(`http://127.0.0.1:${port}/admin/frontend/assets/components.bundle.js`)
      expect(bundle.status).toBe(200)
      expect(await bundle.text()).toContain('QontoReconcileAssocier')
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200)
      expect(output).not.toContain('demo-maud-2026')
      expect(output.split('\n').filter(Boolean).every((line) => line.startsWith('{') || line.startsWith('AdminJS'))).toBe(true)
    } finally {
      const stopping = Date.now()
      server.kill('SIGTERM')
      await new Promise((resolve) => server.once('exit', resolve))
      // Issue 13 item 15: SIGTERM ends the process within 5 s (it used to close the port and hang).
      expect(Date.now() - stopping).toBeLessThan(5_000)
    }
    const db = await openDatabase({ pgliteDir: join(dir, 'db') })
    expect((await db.prisma.user.findMany()).map((u) => [u.email, u.role])).toEqual([['admin@agence.fr', 'ADMIN']])
    expect(await db.prisma.document.count()).toBe(0)
    await db.close()
    rmSync(dir, { recursive: true, force: true })
  }, 120_000)

  it('refuses to start without QONTO_ENCRYPTION_KEY when the panel\'s stored Qonto connection could be used', async () => {
    const root = join(import.meta.dirname, '..')
    const dir = mkdtempSync(join(tmpdir(), 'qr-prod-key-'))
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PORT: '0', PGLITE_DIR: join(dir, 'db'), SESSION_SECRET: 'f3a9c1e07b2d4c68a5e9f0b1c2d3e4f5a6b7c8d9e0', QONTO_SYNC_INTERVAL: '0' }
    for (const name of ['QONTO_ENCRYPTION_KEY', 'QONTO_LOGIN', 'QONTO_SECRET_KEY', 'QONTO_ACCESS_TOKEN']) delete env[name]
    const server = spawn(process.execPath, ['--conditions=qonto-reconcile-source', '--import', 'tsx', join(root, 'examples', 'src', 'cli.ts'), 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    server.stderr!.on('data', (c: Buffer) => (stderr += c.toString()))
    const code = await new Promise<number | null>((resolve) => server.once('exit', resolve))
    expect(code).toBe(2)
    expect(stderr).toContain('QONTO_ENCRYPTION_KEY est obligatoire en production')
    rmSync(dir, { recursive: true, force: true })
  }, 60_000)
})
