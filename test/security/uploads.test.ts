/**
 * Issue 23 item 1, the upload path: files are refused unless a resource declares uploads, and then
 * only within its limits. The reference host declares none, so the rules are tried here on the body
 * reader itself (examples/src/request-bodies.ts) behind a stand-in session, with a handler that
 * counts what reaches it: a refused request changes nothing (the handler never runs) and leaves no
 * file in the temp directory; an accepted file reaches the handler as AdminJS expects it (path,
 * name, type, size) and is removed once the answer is sent. Then the reference host itself: a file
 * sent with an existing invoice's edit form is refused and the invoice is unchanged.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import express, { type Request } from 'express'
import request from 'supertest'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BODY_LIMITS, readBodiesAfterSession } from '../../examples/src/request-bodies.js'
import { ADMIN, createTestApp, createTestUsers, loggedInAgent } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

const KB = 1024
const MB = 1024 * KB
const UPLOADS = { Justificatif: { maxFileBytes: 3 * MB, maxFiles: 2 } }
const tempUploads = () => readdirSync(tmpdir()).filter((name) => name.startsWith('upload_'))

// This file's own temp directory (the host writes uploads under os.tmpdir(), read at each request):
// another test file or suite uploading at the same moment cannot look like a file left behind here.
const sharedTmp = process.env.TMPDIR
const ownTmp = mkdtempSync(join(tmpdir(), 'uploads-test-'))
beforeAll(() => {
  process.env.TMPDIR = ownTmp
})
afterAll(() => {
  if (sharedTmp === undefined) delete process.env.TMPDIR
  else process.env.TMPDIR = sharedTmp
  rmSync(ownTmp, { recursive: true, force: true })
})

interface Received {
  resource: string
  fields: Record<string, unknown>
  files: Record<string, { path: string; name: string; type: string; size: number; content: Buffer }>
}

function uploadApp() {
  const received: Received[] = []
  const app = express()
  // The host's session, reduced to what the reader looks at.
  app.use((req, _res, next) => {
    if (req.get('X-Test-Signed-In')) Object.assign(req, { session: { adminUser: { email: ADMIN.email } } })
    next()
  })
  app.use('/admin', readBodiesAfterSession({ loginPath: '/login', uploads: UPLOADS }))
  app.post('/admin/api/resources/:resource/actions/:action', (req, res) => {
    const { fields = {}, files = {} } = req as Request & { fields?: Record<string, unknown>; files?: Record<string, { path: string; name: string; type: string; size: number }> }
    const withContent = Object.fromEntries(Object.entries(files).map(([name, file]) => [name, { ...file, content: readFileSync(file.path) }]))
    received.push({ resource: req.params.resource!, fields, files: withContent })
    res.json({ ok: true })
  })
  return { app, received }
}

const bytes = (size: number, fill = 0x42) => Buffer.alloc(size, fill)

/** Files are removed just after the answer: waits up to a second for `done`, then fails. */
async function eventually(done: () => boolean): Promise<void> {
  for (const start = Date.now(); !done(); await new Promise((resolve) => setTimeout(resolve, 20))) {
    if (Date.now() - start > 1_000) throw new Error('still there after a second')
  }
}

describe('uploads: refused unless the resource declares them, and then within its limits', () => {
  let app: express.Express
  let received: Received[]
  let before: string[]
  beforeEach(() => {
    ;({ app, received } = uploadApp())
    before = tempUploads()
  })
  const leftBehind = () => tempUploads().filter((name) => !before.includes(name))
  /**
   * A refused request's files are gone and stay gone: a file still being opened when the answer left
   * appears a moment later, so "none yet" right after the answer proves nothing.
   */
  const settledLeftovers = async () => {
    await eventually(() => leftBehind().length === 0)
    await new Promise((resolve) => setTimeout(resolve, 300))
    await eventually(() => leftBehind().length === 0)
  }
  const signedIn = (path: string) => request(app).post(path).set('X-Test-Signed-In', '1')

  it('accepts a file where uploads are declared, as AdminJS reads it, and removes it once answered', async () => {
    const pdf = bytes(200 * KB, 0x25)
    const response = await signedIn('/admin/api/resources/Justificatif/actions/new').field('titre', 'Relevé de novembre').attach('fichier', pdf, { filename: 'releve.pdf', contentType: 'application/pdf' })
    expect(response.status).toBe(200)
    expect(received).toHaveLength(1)
    const [{ fields, files }] = received as [Received]
    expect(fields).toEqual({ titre: 'Relevé de novembre' })
    expect(files.fichier).toMatchObject({ name: 'releve.pdf', type: 'application/pdf', size: pdf.length })
    expect(files.fichier!.content.equals(pdf)).toBe(true)
    // What the action did not move away is not left in the temp directory.
    await eventually(() => !existsSync(files.fichier!.path))
    expect(leftBehind()).toEqual([])
  })

  it('accepts a declared file larger than a record form’s own limit, within the resource’s', async () => {
    const scan = bytes(BODY_LIMITS.record + 512 * KB)
    const response = await signedIn('/admin/api/resources/Justificatif/actions/new').field('titre', 'Scan').attach('fichier', scan, 'scan.png')
    expect(response.status).toBe(200)
    expect(received[0]!.files.fichier!.size).toBe(scan.length)
    await eventually(() => leftBehind().length === 0)
  })

  it('refuses a file over the resource’s limit with a French message, reaching nothing and leaving no file', async () => {
    const response = await signedIn('/admin/api/resources/Justificatif/actions/new').field('titre', 'Trop gros').attach('fichier', bytes(3 * MB + KB), 'gros.pdf')
    expect(response.status).toBe(413)
    expect(response.text).toBe('Fichier trop volumineux : 3 Mo au plus.')
    expect(received).toEqual([])
    await settledLeftovers()
  })

  it('refuses more files than the resource takes', async () => {
    const response = await signedIn('/admin/api/resources/Justificatif/actions/new')
      .attach('a', bytes(10 * KB), 'a.pdf')
      .attach('b', bytes(10 * KB), 'b.pdf')
      .attach('c', bytes(10 * KB), 'c.pdf')
    expect(response.status).toBe(413)
    expect(response.text).toBe('Trop de fichiers : 2 au plus.')
    expect(received).toEqual([])
    await settledLeftovers()
  })

  it.each(['/admin/api/resources/Document/actions/new', '/admin/api/resources/Document/records/12/edit', '/admin/api/resources/Justificatif/bulk/bulkDelete', '/admin/api/pages/connexionQonto'])(
    'refuses any file at %s (no upload declared there), and writes none',
    async (path) => {
      const response = await signedIn(path).field('titre', 'x').attach('fichier', bytes(64 * KB), 'piece.pdf')
      expect(response.status).toBe(415)
      expect(response.text).toBe('Envoi de fichiers non accepté ici.')
      expect(received).toEqual([])
      expect(leftBehind()).toEqual([])
    },
  )

  it('accepts a multipart form without files anywhere a form is posted', async () => {
    const response = await signedIn('/admin/api/resources/Document/actions/new').field('reference', 'FACT-2026-200').field('montantTTC', '1 440,00')
    expect(response.status).toBe(200)
    expect(received).toEqual([{ resource: 'Document', fields: { reference: 'FACT-2026-200', montantTTC: '1 440,00' }, files: {} }])
  })

  it('refuses a file from a signed-out browser before reading it, even where uploads are declared', async () => {
    const response = await request(app).post('/admin/api/resources/Justificatif/actions/new').attach('fichier', bytes(256 * KB), 'piece.pdf')
    expect(response.status).toBe(401)
    expect(response.text).toBe('Connectez-vous avant d’envoyer des données.')
    expect(received).toEqual([])
    expect(leftBehind()).toEqual([])
  })

  it('refuses a multipart body it cannot read (no boundary) in French', async () => {
    const response = await signedIn('/admin/api/resources/Justificatif/actions/new').set('Content-Type', 'multipart/form-data').send('--x\r\n')
    expect(response.status).toBe(400)
    expect(response.text).toBe('Requête invalide : corps illisible.')
    expect(received).toEqual([])
  })
})

describe('the reference host (no resource declares uploads)', () => {
  let db: TestDatabase
  let app: ReturnType<typeof createTestApp>
  beforeAll(async () => {
    db = await createTestDatabase('pglite')
    await createTestUsers(db)
    app = createTestApp(db)
  })
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  it('refuses a file sent with an invoice’s edit form and leaves the invoice as it was', async () => {
    const invoice = await db.prisma.document.create({ data: { reference: 'FACT-2026-300', montantTTC: '900.00', statut: 'ENVOYE', dateEmission: new Date('2026-11-02') } })
    const maud = await loggedInAgent(app.app, ADMIN)
    const before = tempUploads()
    const response = await maud.post(`/admin/api/resources/Document/records/${invoice.id}/edit`).field('reference', 'FACT-2026-301').field('montantTTC', '1').attach('piece', bytes(32 * KB), 'facture.pdf')
    expect(response.status).toBe(415)
    expect(response.text).toBe('Envoi de fichiers non accepté ici.')
    expect(await db.prisma.document.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ reference: 'FACT-2026-300' })
    expect(String((await db.prisma.document.findUniqueOrThrow({ where: { id: invoice.id } })).montantTTC)).toBe('900')
    expect(tempUploads().filter((name) => !before.includes(name))).toEqual([])
  })
})
