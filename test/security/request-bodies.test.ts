/**
 * Issue 23 item 1: nothing is parsed, buffered or written to disk before the session is checked,
 * whatever the content type; bodies are limited per route; AdminJS's own multipart forms work for a
 * signed-in user, files refused.
 *
 * "Not read" is proven by behaviour: the request announces 50 MB, sends 64 KB and waits; a server
 * that reads (or buffers) before answering would wait for the rest, this one answers at once.
 */
import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, closeTestApp, loggedInAgent, openTestApp, type TestApp } from '../helpers/app.js'
import { databaseKinds, type TestDatabase } from '../helpers/databases.js'

const MB = 1024 * 1024
const tempUploads = () => readdirSync(tmpdir()).filter((name) => name.startsWith('upload_')).length

/** Announces `declared` bytes, sends 64 KB of them and waits for the answer (then stops sending). */
function answerBeforeBody(port: number, path: string, headers: Record<string, string>, declared = 50 * MB): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { ...headers, 'Content-Length': String(declared) } })
    req.on('response', (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => {
        req.destroy()
        resolve({ status: res.statusCode!, text })
      })
    })
    req.on('error', (error) => (error.message.includes('EPIPE') || error.message.includes('ECONNRESET') ? undefined : reject(error)))
    req.write(Buffer.alloc(64 * 1024, 0x61))
  })
}

const MULTIPART_BODY = (type: string) => `${type}; boundary=xyz`

describe('request bodies before the session', () => {
  let db: TestDatabase
  let app: TestApp
  let server: Server
  let port: number
  beforeAll(async () => {
    ;({ db, app } = await openTestApp('pglite', { LOGIN_MAX_ATTEMPTS: '1000' }))
    server = app.app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    await app.close()
    await db.close()
  })

  it.each([
    MULTIPART_BODY('multipart/form-data'),
    MULTIPART_BODY('multipart/mixed'),
    MULTIPART_BODY('multipart/related'),
    MULTIPART_BODY('multipart/alternative'),
    MULTIPART_BODY('multipart/x-mixed-replace'),
    'application/octet-stream',
    'application/json',
    'application/x-www-form-urlencoded',
    'text/plain',
    'application/x-json-stream',
  ])('answers a signed-out %s body without reading it, and writes no file', async (type) => {
    const before = tempUploads()
    const response = await answerBeforeBody(port, '/admin/api/resources/Marque/actions/new', { 'Content-Type': type })
    expect(response.status).toBe(401)
    expect(response.text).toBe('Connectez-vous avant d’envoyer des données.')
    expect(tempUploads()).toBe(before)
  })

  it('answers a chunked body without a length the same way', async () => {
    const response = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/admin/api/resources/Marque/actions/new', method: 'POST', headers: { 'Content-Type': 'multipart/mixed; boundary=xyz', 'Transfer-Encoding': 'chunked' } })
      req.on('response', (res) => {
        res.resume()
        req.destroy()
        resolve(res.statusCode!)
      })
      req.on('error', (error) => (/EPIPE|ECONNRESET/.test(error.message) ? undefined : reject(error)))
      req.write(Buffer.alloc(64 * 1024, 0x61))
    })
    expect(response).toBe(401)
  })

  it.each(['/admin/login', '/admin/login/', '/ADMIN/LOGIN', '/admin/Login'])('reads only a small urlencoded form at %s', async (path) => {
    for (const type of [MULTIPART_BODY('multipart/mixed'), MULTIPART_BODY('multipart/form-data'), 'application/json', 'application/octet-stream']) {
      expect((await answerBeforeBody(port, path, { 'Content-Type': type })).status, type).toBe(415)
    }
    expect((await answerBeforeBody(port, path, { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(413)
    // A JSON login (formidable read it) no longer signs anyone in.
    const json = await request(app.app).post(path).send(ADMIN)
    expect(json.status).toBe(415)
    expect(json.headers['set-cookie']).toBeUndefined()
  })

  it('keeps memory bounded under 24 parallel 19 MB bodies, and /healthz answers meanwhile', async () => {
    const chunk = Buffer.alloc(MB, 0x7b)
    const baseline = process.memoryUsage().rss
    let peak = baseline
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
    const send = (type: string) =>
      new Promise<number>((resolve) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/admin/api/resources/Document/actions/new', method: 'POST', headers: { 'Content-Type': type, 'Content-Length': String(19 * MB) } })
        let status = 0
        req.on('response', (res) => {
          status = res.statusCode!
          res.resume()
        })
        req.on('error', () => undefined)
        req.on('close', () => resolve(status))
        let sent = 0
        const pump = () => {
          while (sent < 19 && !req.destroyed) {
            sent += 1
            if (!req.write(chunk)) return void req.once('drain', pump)
          }
          req.end()
        }
        pump()
      })
    const burst = Array.from({ length: 24 }, (_, i) => send(i % 2 ? 'application/json' : 'application/x-www-form-urlencoded'))
    const health = await request(server).get('/healthz')
    const statuses = await Promise.all(burst)
    clearInterval(sampler)
    expect(health.status).toBe(200)
    expect(new Set(statuses)).toEqual(new Set([401]))
    // 24 × 19 MB held in memory would be 456 MB at least; a refused body costs a socket buffer.
    expect((peak - baseline) / MB).toBeLessThan(100)
  })
})

describe.each(databaseKinds())('request bodies of a signed-in user (%s)', (kind) => {
  let db: TestDatabase
  let app: TestApp
  beforeAll(async () => {
    ;({ db, app } = await openTestApp(kind))
  })
  afterAll(async () => closeTestApp(app, db))

  it('accepts AdminJS’s multipart form without files (creates a client), refuses files and writes none', async () => {
    const maud = await loggedInAgent(app.app, ADMIN)
    const created = await maud
      .post('/admin/api/resources/Marque/actions/new')
      .field('nom', 'Client en multipart')
      .field('emailContact', 'contact@client.fr')
      .field('ibans.0', 'FR76 3000 6000 0112 3456 7890 189')
    expect(created.status).toBe(200)
    const client = await db.prisma.marque.findFirstOrThrow({ where: { nom: 'Client en multipart' } })
    expect(client.ibans).toEqual(['FR7630006000011234567890189'])
    const before = tempUploads()
    const withFile = await maud.post('/admin/api/resources/Marque/actions/new').field('nom', 'Avec fichier').attach('logo', Buffer.alloc(256 * 1024, 1), 'logo.png')
    expect(withFile.status).toBe(415)
    expect(tempUploads()).toBe(before)
    expect(await db.prisma.marque.count({ where: { nom: 'Avec fichier' } })).toBe(0)
  })

  it('refuses other types and bodies over the route’s limit', async () => {
    const maud = await loggedInAgent(app.app, ADMIN)
    const mixed = await maud.post('/admin/api/resources/Marque/actions/new').set('Content-Type', 'multipart/mixed; boundary=x').send('--x--')
    expect(mixed.status).toBe(415)
    const huge = await maud.post('/admin/api/resources/Marque/actions/new').send({ nom: 'x'.repeat(2 * MB) })
    expect(huge.status).toBe(413)
    expect(huge.text).toBe('Requête trop volumineuse pour cette page.')
    const broken = await maud.post('/admin/api/resources/Marque/actions/new').set('Content-Type', 'application/json').send('{"nom":')
    expect(broken.status).toBe(400)
  })
})
