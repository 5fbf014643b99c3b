import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, READER, createTestApp, createTestUsers, loggedInAgent } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { STAND_IN_ACCOUNT, STAND_IN_CREDENTIALS, qontoTransaction, startQontoStandIn, type StandIn } from '../helpers/qonto-stand-in.js'

const SYNC = '/admin/api/resources/TransactionQonto/actions/synchroniserQonto'

/** The resource buttons AdminJS shows on the transactions' page (from the state it writes into the page). */
async function buttonsOfTransactions(agent: { get(path: string): PromiseLike<{ text: string }> }): Promise<string[]> {
  const { text } = await agent.get('/admin/resources/TransactionQonto')
  const state = JSON.parse(/window\.REDUX_STATE = (.*);\n/.exec(text)![1]!) as { resources: Array<{ id: string; resourceActions: Array<{ name: string }> }> }
  return state.resources.find((r) => r.id === 'TransactionQonto')!.resourceActions.map((a) => a.name)
}

describe('"Synchroniser Qonto" in the panel', () => {
  let db: TestDatabase
  let standIn: StandIn
  beforeAll(async () => {
    db = await createTestDatabase('pglite')
    await createTestUsers(db)
    standIn = await startQontoStandIn()
    standIn.transactions.push(qontoTransaction(), qontoTransaction({ status: 'pending' }))
  })
  afterAll(async () => {
    await standIn.close()
    await db.close()
  })

  const configured = () => ({
    QONTO_API_BASE_URL: standIn.url,
    QONTO_LOGIN: STAND_IN_CREDENTIALS.login,
    QONTO_SECRET_KEY: STAND_IN_CREDENTIALS.secretKey,
    QONTO_BANK_ACCOUNT_ID: STAND_IN_ACCOUNT.id,
  })

  it('does nothing on GET, syncs on POST and shows the summary', async () => {
    const app = createTestApp(db, configured())
    const agent = await loggedInAgent(app.app, ADMIN)
    expect((await agent.get(SYNC)).body).toEqual({})
    expect(await db.prisma.transactionQonto.count()).toBe(0)
    const response = await agent.post(SYNC)
    expect(response.body).toEqual({
      ok: true,
      message: 'Synchronisation terminée : 2 nouvelles, 0 mise à jour, 0 inchangée, 0 ignorée (plus ancienne). 0 rapprochée(s) automatiquement.',
    })
    expect(await db.prisma.transactionQonto.count()).toBe(2)
    await app.close()
  })

  it('is refused to the read-only user', async () => {
    const app = createTestApp(db, configured())
    const agent = await loggedInAgent(app.app, READER)
    const response = await agent.post(SYNC)
    expect(response.body.ok).toBeUndefined()
    expect(response.body.notice?.type).toBe('error')
    await app.close()
  })

  it('is not offered when Qonto is not configured (no button, the API refuses), and the panel keeps working', async () => {
    const app = createTestApp(db)
    const agent = await loggedInAgent(app.app, ADMIN)
    const response = await agent.post(SYNC)
    expect(response.body.ok).toBeUndefined()
    expect(response.body.notice?.type).toBe('error')
    expect(await buttonsOfTransactions(agent)).not.toContain('synchroniserQonto')
    expect((await agent.get('/admin/api/resources/TransactionQonto/actions/list')).status).toBe(200)
    await app.close()
    const connected = createTestApp(db, configured())
    const maud = await loggedInAgent(connected.app, ADMIN)
    expect(await buttonsOfTransactions(maud)).toContain('synchroniserQonto')
    await connected.close()
  })

  it('tells Maud in plain French when Qonto refuses the credentials, without naming any setting', async () => {
    const app = createTestApp(db, { ...configured(), QONTO_SECRET_KEY: 'revoked-key' })
    const agent = await loggedInAgent(app.app, ADMIN)
    const response = await agent.post(SYNC)
    expect(response.body).toEqual({ ok: false, message: "Qonto a refusé la connexion (accès expiré ou révoqué) : un administrateur doit reconnecter Qonto depuis la page « Connexion Qonto ». Rien n'a été modifié." })
    expect(JSON.stringify(response.body)).not.toMatch(/QONTO_|HTTP|trace_id/)
    await app.close()
  })
})

describe('qonto-reconcile sync', () => {
  const ROOT = join(import.meta.dirname, '..', '..')
  const BIN = join(ROOT, 'bin', 'qonto-reconcile.js')
  // The reference host's config module (its Prisma client and mapping), on its own PGlite directory.
  const CONFIG = join(ROOT, 'examples', 'qonto-reconcile.config.ts')
  const { DATABASE_URL: _ignored, ...baseEnv } = process.env
  const run = (args: string[], env: Record<string, string>) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        ['--conditions=qonto-reconcile-source', '--import', 'tsx', BIN, ...args, '--config', CONFIG],
        { cwd: ROOT, env: { ...baseEnv, LOG_LEVEL: 'silent', ...env } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    )

  it('prints a line per page and a summary, then exits 0; exits non-zero on failure or missing config', async () => {
    const standIn = await startQontoStandIn()
    for (let i = 0; i < 150; i += 1) standIn.transactions.push(qontoTransaction({ amount_cents: 1000 + i }))
    const dir = await import('node:fs/promises').then((fs) => fs.mkdtemp(join(import.meta.dirname, '..', '..', 'node_modules', '.qr-cli-')))
    const env = {
      PGLITE_DIR: dir,
      QONTO_API_BASE_URL: standIn.url,
      QONTO_LOGIN: STAND_IN_CREDENTIALS.login,
      QONTO_SECRET_KEY: STAND_IN_CREDENTIALS.secretKey,
      QONTO_IBAN: STAND_IN_ACCOUNT.iban,
    }
    try {
      const ok = await run(['sync'], env)
      expect(ok.code).toBe(0)
      expect(ok.stdout).toContain('Page 1/2 : 100 transactions enregistrées')
      expect(ok.stdout).toContain('Page 2/2 : 50 transactions enregistrées')
      expect(ok.stdout).toContain('Synchronisation terminée : 150 nouvelles')

      const bad = await run(['sync'], { ...env, QONTO_SECRET_KEY: 'wrong' })
      expect(bad.code).toBe(1)
      expect(bad.stderr).toContain('Identifiants Qonto refusés')

      const missing = await run(['sync'], { PGLITE_DIR: dir, QONTO_LOGIN: '', QONTO_SECRET_KEY: '' })
      expect(missing.code).not.toBe(0)
      const badDate = await run(['sync', '--since', 'hier'], env)
      expect(badDate.code).toBe(2)
      expect(badDate.stderr).toContain('--since attend une date ISO')
    } finally {
      await standIn.close()
      await import('node:fs/promises').then((fs) => fs.rm(dir, { recursive: true, force: true }))
    }
  }, 120_000)
})
