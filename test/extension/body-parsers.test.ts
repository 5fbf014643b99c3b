/**
 * A host's body parsers never break the extension's actions: a global express.json() or
 * express.urlencoded() before the AdminJS router (or after it), on Express 5 and as Express 4's
 * body-parser behaves. Associer (suggest, associate) and Dissocier are posted exactly as the
 * extension's components post them (src/components/action-request.ts).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import express from 'express'
import AdminJSExpress from '@adminjs/express'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../examples/src/config.js'
import { buildAdmin } from '../../examples/src/admin/admin.js'
import { createAuthenticate } from '../../examples/src/admin/auth.js'
import { createLogger } from '../../examples/src/logger.js'
import { seedDemoData } from '../../examples/src/seed.js'
import { ACTION_CONTENT_TYPE, actionRequestBody, postCommand } from '../../src/components/action-request.js'
import { createTestApp, loggedInAgent } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { mountWithParsers, multipartLogin, PARSER_PLACEMENTS, type BodyParserFlavour, type ParserPlacement } from '../helpers/host-parsers.js'

const MAUD = { email: 'maud@test.fr', password: 'mot-de-passe-demo' }
const FLAVOURS: BodyParserFlavour[] = ['express5', 'express4']

describe.each(FLAVOURS)("the extension's actions whatever the host's body parsers (%s)", (flavour) => {
  let db: TestDatabase
  let built: ReturnType<typeof buildAdmin>
  beforeAll(async () => {
    db = await createTestDatabase('pglite')
    await seedDemoData(db.prisma, { adminEmail: MAUD.email, adminPassword: MAUD.password })
    const env = { NODE_ENV: 'test' }
    built = buildAdmin(db, loadConfig(env), createLogger('silent'), env)
  }, 120_000)
  afterAll(async () => {
    await built?.reconciliation.stop()
    await db?.close()
  })
  /** The host's app with its parsers placed so, Maud signed in. */
  const signedInHost = async (placement: ParserPlacement) => {
    const router = AdminJSExpress.buildAuthenticatedRouter(
      built.admin,
      { authenticate: createAuthenticate(db.prisma), cookiePassword: 'test-cookie-secret-0123456789abcdef' },
      null,
      { resave: false, saveUninitialized: false, secret: 'test-cookie-secret-0123456789abcdef' },
    )
    const agent = request.agent(mountWithParsers(express(), '/admin', router, placement, flavour))
    await multipartLogin(agent, '/admin/login', MAUD)
    return agent
  }

  it.each(PARSER_PLACEMENTS)('%s: suggest, associate and undo answer the panel, and the invoice is paid then open again', async (placement) => {
    const agent = await signedInHost(placement)
    const payment = await db.prisma.transactionQonto.findFirstOrThrow({ where: { reference: 'FACT-2026-145' } })
    await db.prisma.qontoAllocation.deleteMany({ where: { transactionId: payment.id } })
    const post = (action: string, command: object) =>
      agent.post(`/admin/api/resources/TransactionQonto/records/${payment.id}/${action}`).set('Content-Type', ACTION_CONTENT_TYPE).timeout(10_000).send(actionRequestBody(command))

    const suggest = await post('associer', { op: 'suggest' })
    expect(suggest.status, suggest.text).toBe(200)
    const best = suggest.body.suggestions[0]
    expect(best.invoices[0].reference).toBe('FACT-2026-145')

    const associate = await post('associer', { op: 'associate', mode: 'SUGGESTION', allocations: best.allocations, confirmed: true })
    expect(associate.status, associate.text).toBe(200)
    expect(associate.body.notice).toMatchObject({ type: 'success' })
    const invoice = () => db.prisma.document.findFirstOrThrow({ where: { reference: 'FACT-2026-145' } })
    expect((await invoice()).statut).toBe('PAYE')

    const undo = await post('dissocier', {})
    expect(undo.status, undo.text).toBe(200)
    expect(undo.body.ok).toBe(true)
    expect((await invoice()).statut).not.toBe('PAYE')
  }, 60_000)

  // The Exporter page's « Clôturer » posted its command as plain JSON: behind a global express.json()
  // Express 4 answered 500 and Express 5 never answered (no timeout: a spinner for ever).
  it.each(PARSER_PLACEMENTS)('%s: closing a period from the Exporter page reaches the action and answers', async (placement) => {
    const agent = await signedInHost(placement)
    const { data, headers } = postCommand({ op: 'cloturer', through: '2020-01-31' })
    const closing = await agent.post('/admin/api/resources/TransactionQonto/actions/comptabilite').set(headers).timeout(10_000).send(data)
    expect(closing.status, closing.text).toBe(200)
    // Closed now, or already closed by the placement before: either way the command was read.
    expect(closing.body.message).toMatch(/close jusqu’au 31\/01\/2020/)
  }, 60_000)
})

describe('what the components post', () => {
  it('every POST from a component goes through action-request (the media type no host parser reads), none as plain JSON', () => {
    const dir = fileURLToPath(new URL('../../src/components/', import.meta.url))
    const plain = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.tsx?$/.test(file) && file !== 'action-request.ts')
      .flatMap((file) => readFileSync(join(dir, file), 'utf8').split('\n').map((line, i) => ({ where: `${file}:${i + 1}`, line })))
      .filter(({ line }) => /method:\s*['"]post['"]/i.test(line))
      .map(({ where, line }) => `${where} ${line.trim()}`)
    expect(plain).toEqual([])
  })
})

describe("the reference host's own body guard", () => {
  it("reads the extension's commands (its media type) after the session, like AdminJS's own JSON", async () => {
    const db = await createTestDatabase('pglite')
    try {
      await seedDemoData(db.prisma, { adminEmail: MAUD.email, adminPassword: MAUD.password })
      const app = createTestApp(db)
      const agent = await loggedInAgent(app.app, MAUD)
      const payment = await db.prisma.transactionQonto.findFirstOrThrow({ where: { reference: 'FACT-2026-145' } })
      const suggest = await agent
        .post(`/admin/api/resources/TransactionQonto/records/${payment.id}/associer`)
        .set('Content-Type', ACTION_CONTENT_TYPE)
        .send(actionRequestBody({ op: 'suggest' }))
      expect(suggest.status, suggest.text).toBe(200)
      expect(suggest.body.suggestions[0].invoices[0].reference).toBe('FACT-2026-145')
      await app.close()
    } finally {
      await db.close()
    }
  }, 120_000)
})
