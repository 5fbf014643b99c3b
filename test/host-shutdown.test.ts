import { spawn, type ChildProcess } from 'node:child_process'
import { Agent, get } from 'node:http'
import { connect, type Socket } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../examples/src/database.js'
import { announcedPort } from './helpers/announced-port.js'

const ROOT = join(import.meta.dirname, '..')
const dir = mkdtempSync(join(tmpdir(), 'qr-stop-'))

/** `npm start` in development (AdminJS watching its components, demo data), on a throw-away PGlite. */
async function start(): Promise<{ server: ChildProcess; output: () => string; port: number }> {
  const server = spawn(process.execPath, ['--conditions=qonto-reconcile-source', '--import', 'tsx', join(ROOT, 'examples', 'src', 'cli.ts'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', PORT: '0', PGLITE_DIR: join(dir, 'db'), ADMIN_JS_TMP_DIR: join(dir, 'bundle'), LOG_LEVEL: 'info', QONTO_SYNC_INTERVAL: '15' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  server.stdout!.on('data', (c: Buffer) => (output += c.toString()))
  server.stderr!.on('data', (c: Buffer) => (output += c.toString()))
  await expect.poll(() => output.includes('Back-office :'), { timeout: 150_000, interval: 250 }).toBe(true)
  return { server, output: () => output, port: announcedPort(output) }
}

/** A browser-like client: one request, then the connection stays open (keep-alive), as a tab left open does. */
async function keepAliveRequest(port: number): Promise<Agent> {
  const agent = new Agent({ keepAlive: true, keepAliveMsecs: 60_000 })
  await new Promise<void>((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/admin/login', agent }, (res) => {
      res.resume()
      res.on('end', () => resolve())
    }).on('error', reject)
  })
  return agent
}

/** A request still on its way (its headers not finished), as a slow network or a long download leaves one. */
async function requestUnderWay(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1')
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  socket.write('GET /admin/login HTTP/1.1\r\nHost: 127.0.0.1\r\n')
  socket.on('error', () => undefined)
  return socket
}

async function stopWith(signal: 'SIGINT' | 'SIGTERM', server: ChildProcess): Promise<{ ms: number; code: number | null }> {
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)))
  const started = Date.now()
  server.kill(signal)
  const code = await exited
  return { ms: Date.now() - started, code }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('stopping the reference host', () => {
  for (const [index, signal] of (['SIGINT', 'SIGTERM'] as const).entries()) {
    it(`${signal === 'SIGINT' ? 'Ctrl-C (SIGINT)' : 'SIGTERM'} with a browser connection kept alive and a request under way ends the process cleanly within 5 s`, async () => {
      const { server, output, port } = await start()
      const agent = await keepAliveRequest(port)
      const slow = await requestUnderWay(port)
      const { ms, code } = await stopWith(signal, server)
      agent.destroy()
      slow.destroy()
      console.info(`${signal}: the process ended ${ms} ms after the signal`)
      expect(ms).toBeLessThan(5_000)
      // A clean stop (not the forced exit): timers stopped, connections closed, the database closed.
      expect(code).toBe(0)
      expect(output()).toContain('shutdown complete')
      expect(output()).not.toContain('shutdown forced')
    }, 200_000)
  }

  it('the database closed by the stop opens again with its data (nothing left half-written)', async () => {
    const db = await openDatabase({ pgliteDir: join(dir, 'db') })
    expect(await db.prisma.user.count()).toBeGreaterThan(0)
    await db.close()
  }, 60_000)
})
