/**
 * Two server processes on one PostgreSQL (test/fixtures/two-process/worker.ts: the reference host's
 * background runtime and webhook route), a Qonto stand-in and an SMTP server; then `kill -9` of one of
 * them in the middle of a sync, and in the middle of a webhook burst. Afterwards every credit is stored
 * once and evaluated (its invoice paid, automatically), every e-mail handed to SMTP once (or, for one
 * interrupted mid-send, set aside with the admins told), nothing doubled, no lock left stuck. And
 * Associer / Dissocier / automatic reconciliation sent to both processes at once on the same payments
 * and invoices: no invoice over-paid, no allocation, audit row, e-mail or notification doubled.
 * PostgreSQL only (TEST_DATABASE_URL): PGlite is one process by design.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { signPayload } from '../../src/webhooks/signature.js'
import { createTestUsers } from '../helpers/context.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { qontoTransaction, STAND_IN_ACCOUNT, STAND_IN_CREDENTIALS, startQontoStandIn, type StandIn } from '../helpers/qonto-stand-in.js'
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js'

const ROOT = join(import.meta.dirname, '..', '..')
const WORKER = join(ROOT, 'test', 'fixtures', 'two-process', 'worker.ts')
const SECRET = 'two-process-webhook-secret-0123456789'
const IBAN = 'FR7630006000011234567890189'

interface Worker {
  port: number
  process: ChildProcess
  output(): string
}

async function startWorker(env: NodeJS.ProcessEnv): Promise<Worker> {
  const child = spawn(process.execPath, ['--conditions=qonto-reconcile-source', '--import', 'tsx', WORKER], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 120_000)
    child.stdout!.on('data', () => {
      const ready = /READY (\d+)/.exec(output)
      if (ready) {
        clearTimeout(timer)
        resolve(Number(ready[1]))
      }
    })
    child.on('exit', (code) => reject(new Error(`worker exited (${code}):\n${output}`)))
  })
  return { port, process: child, output: () => output }
}

function killHard(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    worker.process.once('exit', () => resolve())
    worker.process.kill('SIGKILL')
  })
}

async function stopWorker(worker: Worker): Promise<void> {
  if (worker.process.exitCode !== null || worker.process.signalCode !== null) return
  const exited = new Promise((resolve) => worker.process.once('exit', resolve))
  worker.process.kill('SIGTERM')
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 8000))])
  if (worker.process.exitCode === null) worker.process.kill('SIGKILL')
}

/** Waits (bounded) until `check` holds; the bound only keeps a broken run from hanging. */
async function eventually(check: () => Promise<boolean>, what: string, seconds = 180): Promise<void> {
  const until = Date.now() + seconds * 1000
  while (Date.now() < until) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`still not true after ${seconds} s: ${what}`)
}

interface Rig {
  db: TestDatabase
  qonto: StandIn
  smtp: SmtpSink
  /** The worker processes this test started (stopped after it). */
  workers: Worker[]
  /** What a worker process needs to reach them. */
  env: NodeJS.ProcessEnv
}

/**
 * Each test has its own database, Qonto stand-in, SMTP server and processes, so the three run at once:
 * most of their time is waiting (a dead process's lease to expire, the sweep), not computing.
 */
const test = it.extend<{ rig: Rig }>({
  rig: async ({}, use) => {
    const db = await createTestDatabase('postgresql')
    await createTestUsers(db)
    const qonto = await startQontoStandIn()
    const smtp = await startSmtpSink({ replyDelayMs: 20 })
    const rig: Rig = {
      db,
      qonto,
      smtp,
      workers: [],
      env: {
        DATABASE_URL: db.url!,
        QONTO_API_BASE_URL: qonto.url,
        QONTO_LOGIN: STAND_IN_CREDENTIALS.login,
        QONTO_SECRET_KEY: STAND_IN_CREDENTIALS.secretKey,
        QONTO_BANK_ACCOUNT_ID: STAND_IN_ACCOUNT.id,
        QONTO_WEBHOOK_SECRET: SECRET,
        QONTO_SYNC_INTERVAL: '0',
        SMTP_URL: smtp.url,
        EMAIL_GRACE_MINUTES: '0',
      },
    }
    try {
      await use(rig)
    } finally {
      await Promise.all(rig.workers.map(stopWorker))
      await qonto.close()
      await smtp.close()
      await db.close()
    }
  },
})

describe.skipIf(!(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL))('two server processes on one PostgreSQL, one killed with -9', { concurrent: true }, () => {
  /** `count` open invoices, and the Qonto credits that pay them (reference and exact amount). */
  async function invoicesAndCredits({ db, qonto }: Rig, count: number, prefix: string) {
    const client = await db.prisma.marque.create({ data: { nom: 'Dupont et Fils', ibans: [IBAN], emailContact: 'compta@dupont.fr' } })
    await db.prisma.document.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        reference: `FACT-2026-${prefix}${String(i + 1).padStart(4, '0')}`,
        montantTTC: `${100 + i}.00`,
        statut: 'ENVOYE' as const,
        dateEmission: new Date('2026-10-01'),
        marqueId: client.id,
      })),
    })
    const start = Date.parse('2026-11-02T08:00:00Z')
    const credits = Array.from({ length: count }, (_, i) =>
      qontoTransaction({
        id: `0195a3c2-${prefix}-${String(i + 1).padStart(8, '0')}`,
        amount_cents: (100 + i) * 100,
        reference: `FACT-2026-${prefix}${String(i + 1).padStart(4, '0')}`,
        label: 'DUPONT ET FILS',
        clean_counterparty_name: 'Dupont et Fils',
        settled_at: new Date(start + i * 1000).toISOString(),
        updated_at: new Date(start + i * 1000 + 500).toISOString(),
      }),
    )
    qonto.transactions.push(...credits)
    return credits
  }

  /** What must hold after any crash: each credit stored once, evaluated, its invoice paid once, its e-mail handed once. */
  async function everythingOnce({ db, smtp }: Rig, count: number) {
    // An evaluation that failed under load (a lock timeout…) is finished by the sweep (every 30 s, one process at a time).
    const evaluated = async () => (await db.prisma.transactionQonto.count({ where: { autoEvalDue: { not: null } } })) === 0
    await eventually(async () => (await db.prisma.document.count({ where: { statut: 'PAYE' } })) === count && (await evaluated()), `${count} invoices paid, every credit evaluated`)
    expect(await db.prisma.transactionQonto.count()).toBe(count)
    expect(await db.prisma.qontoAllocation.count()).toBe(count)
    expect(await db.prisma.notification.count({ where: { type: 'PAIEMENT_RECU' } })).toBe(count)
    await eventually(async () => (await db.prisma.qontoEmailOutbox.count({ where: { envoyeLe: null, abandonneLe: null } })) === 0, 'every e-mail sent or set aside')
    const rows = await db.prisma.qontoEmailOutbox.findMany()
    expect(rows).toHaveLength(count)
    const ids = smtp.messages.map((m) => m.messageId)
    expect(new Set(ids).size).toBe(ids.length)
    const setAside = rows.filter((row) => row.abandonneLe !== null)
    for (const row of setAside) expect(row.lastError).toContain('envoi interrompu')
    expect(await db.prisma.notification.count({ where: { titre: 'E-mail client non envoyé' } })).toBe(setAside.length)
    expect(rows.filter((row) => row.envoyeLe !== null).length + setAside.length).toBe(count)
    const leftLocked = await db.prisma.qontoSyncState.count({ where: { lockedUntil: { gt: new Date() } } })
    expect(leftLocked).toBe(0)
    return { sent: rows.length - setAside.length, setAside: setAside.length }
  }

  test('kill -9 in the middle of a sync: the other process syncs once the lease expires, and every credit stored before the kill is auto-reconciled', async ({ rig }) => {
    const { db, qonto, env } = rig
    const COUNT = 300
    await invoicesAndCredits(rig, COUNT, '7')
    // Pages of 10, stored 10 pages at a time: the first 100 credits are committed, then page 15 never answers.
    qonto.faults.push({ kind: 'hang', path: '/v2/transactions', page: 15 })
    rig.workers.push(...(await Promise.all([startWorker(env), startWorker(env)])))
    const [a, b] = rig.workers as [Worker, Worker]
    void fetch(`http://127.0.0.1:${a.port}/sync?perPage=10`, { method: 'POST' }).catch(() => undefined)
    await eventually(async () => qonto.requests.some((r) => r.query.get('page') === '15') && (await db.prisma.transactionQonto.count()) >= 100, 'A stored 100 credits and waits on page 15', 120)
    await killHard(a)
    const killedAt = Date.now()
    // A crashed sync's lease expires within a minute of silence (database clock): it was held, and not for long.
    const [lease] = await db.prisma.$queryRawUnsafe<Array<{ seconds: number }>>(
      `SELECT EXTRACT(EPOCH FROM ("lockedUntil" - CURRENT_TIMESTAMP))::float8 AS seconds FROM "qonto_sync_states" WHERE "lockedUntil" IS NOT NULL`,
    )
    expect(lease!.seconds).toBeGreaterThan(0)
    expect(lease!.seconds).toBeLessThanOrEqual(60)

    let synced: Response | null = null
    let lastAttempt = killedAt
    await eventually(async () => {
      lastAttempt = Date.now()
      synced = await fetch(`http://127.0.0.1:${b.port}/sync?perPage=10`, { method: 'POST' })
      return synced.status !== 409
    }, 'B may sync (the dead process\'s lease expired)', 120)
    const leaseFreedAfter = (lastAttempt - killedAt) / 1000
    expect(synced!.status).toBe(200)
    const outcome = await everythingOnce(rig, COUNT)
    console.log(`two-process sync kill: lease freed ${leaseFreedAfter.toFixed(1)} s after the kill; ${outcome.sent} e-mails sent once, ${outcome.setAside} set aside`)
  }, 420_000)

  test('kill -9 in the middle of a webhook burst at both processes: every delivery stored once, processed, evaluated, its e-mail sent once', async ({ rig }) => {
    const { db, env } = rig
    const COUNT = 400
    const credits = await invoicesAndCredits(rig, COUNT, '8')
    rig.workers.push(...(await Promise.all([startWorker(env), startWorker(env)])))
    const [a, b] = rig.workers as [Worker, Worker]
    let aAlive = true
    const deliver = async (credit: Record<string, unknown>, index: number) => {
      const body = JSON.stringify({
        id: `evt-2p-${index}`,
        type: 'v1/transactions',
        created_at: new Date().toISOString(),
        data: { event: 'created', ...credit },
      })
      const t = Math.floor(Date.now() / 1000)
      const request = { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-qonto-signature': `t=${t},v1=${signPayload(SECRET, t, body)}` } }
      // Half the deliveries go to A while it lives; Qonto re-delivers what was not acknowledged.
      for (const port of index % 2 === 0 && aAlive ? [a.port, b.port] : [b.port]) {
        try {
          const response = await fetch(`http://127.0.0.1:${port}/api/webhooks/qonto`, request)
          if (response.ok) return
        } catch {
          // connection refused or reset: the process is gone, try the other one
        }
      }
      throw new Error(`delivery ${index} not acknowledged`)
    }
    let next = 0
    const lanes = Array.from({ length: 8 }, async () => {
      while (next < credits.length) {
        const index = next++
        await deliver(credits[index]!, index)
        if (index === Math.floor(COUNT / 2)) {
          aAlive = false
          await killHard(a)
        }
      }
    })
    await Promise.all(lanes)
    expect(await db.prisma.qontoWebhookEvent.count()).toBe(COUNT)
    await eventually(async () => (await db.prisma.qontoWebhookEvent.count({ where: { processedAt: null } })) === 0, 'every event processed')
    const outcome = await everythingOnce(rig, COUNT)
    const finishedBySweep = (b.output().match(/automatic reconciliation of new credits failed/g) ?? []).length
    console.log(`two-process burst kill: ${outcome.sent} e-mails sent once, ${outcome.setAside} set aside; ${finishedBySweep} inline evaluations failed in B and were finished by the sweep`)
  }, 420_000)

  test('Associer and Dissocier from both processes at once on the same payments and invoices, then automatic reconciliation from both: no invoice over-paid, nothing doubled, no lock left', async ({ rig }) => {
    const { db, smtp, env } = rig
    const N = 12
    const ROUNDS = 4
    const client = await db.prisma.marque.create({ data: { nom: 'Dupont et Fils', ibans: [IBAN], emailContact: 'compta@dupont.fr' } })
    const invoices = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        db.prisma.document.create({
          data: { reference: `FACT-2026-9${String(i + 1).padStart(4, '0')}`, montantTTC: '100.00', statut: 'ENVOYE', dateEmission: new Date('2026-10-01'), marqueId: client.id },
        }),
      ),
    )
    const payments = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        db.prisma.transactionQonto.create({
          data: {
            qontoId: `0195a3c2-9-${String(i + 1).padStart(8, '0')}`, montant: '100.00', statut: 'SETTLED', sens: 'CREDIT', emetteur: 'Dupont et Fils', emetteurIban: IBAN,
            libelle: 'DUPONT ET FILS', reference: `FACT-2026-9${String(i + 1).padStart(4, '0')}`, dateTransaction: new Date(Date.UTC(2026, 10, 2, 8, i)), qontoUpdatedAt: new Date(Date.UTC(2026, 10, 2, 8, i)),
          },
        }),
      ),
    )
    // E-mails wait an hour: each one an association queued is still there, sent by nobody, cancelled by its Dissocier.
    rig.workers.push(...(await Promise.all([startWorker({ ...env, EMAIL_GRACE_MINUTES: '60' }), startWorker({ ...env, EMAIL_GRACE_MINUTES: '60' })])))
    const [a, b] = rig.workers as [Worker, Worker]
    const statuses: number[] = []
    const failures: string[] = []
    const post = async (worker: Worker, path: string, body: unknown) => {
      const response = await fetch(`http://127.0.0.1:${worker.port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      statuses.push(response.status)
      const answer = (await response.json()) as Record<string, unknown>
      if (response.status >= 500) failures.push(`${path}: ${String(answer.error)}`)
      return { status: response.status, body: answer }
    }
    let associated = 0
    let released = 0
    let dissociations = 0
    for (let round = 0; round < ROUNDS; round += 1) {
      // Each payment to the invoice of this round from both processes (the same click twice), and a
      // second payment to the same invoice from B (two payments for one invoice of 100 €).
      const associations = payments.flatMap((payment, i) => {
        const invoice = invoices[(i + round) % N]!
        const other = payments[(i + 1) % N]!
        const one = (p: typeof payment) => ({ transactionId: p.id, allocations: [{ invoiceId: invoice.id, amountCents: 10_000 }] })
        return [post(a, '/associate', one(payment)), post(b, '/associate', one(payment)), post(b, '/associate', one(other))]
      })
      associated += (await Promise.all(associations)).filter((r) => r.status === 200).length
      // Half the payments undone from both processes at once (the same click twice).
      const undone = payments.filter((_, i) => i % 2 === round % 2).flatMap((payment) => [a, b].map((worker) => post(worker, '/dissociate', { transactionId: payment.id })))
      for (const response of await Promise.all(undone)) {
        if (response.status !== 200) continue
        dissociations += 1
        released += Number(response.body.count)
      }
    }
    const runs = await Promise.all([post(a, '/auto', {}), post(b, '/auto', {})])
    const automatic = runs.reduce((total, run) => total + Number(run.body.matched), 0)
    // Every answer is done or refused in French: no deadlock, no lock timeout, no 500.
    expect(failures).toEqual([])
    expect(statuses.filter((status) => status !== 200 && status !== 409)).toEqual([])
    expect(associated).toBeGreaterThan(0)
    expect(dissociations).toBeGreaterThan(0)

    // No invoice over-paid, each one's status and paid amount exactly what its allocations say.
    const allocations = await db.prisma.qontoAllocation.findMany()
    const cents = (value: { toString(): string }) => Math.round(Number(value.toString()) * 100)
    for (const invoice of await db.prisma.document.findMany({ where: { id: { in: invoices.map((i) => i.id) } } })) {
      const paid = allocations.filter((x) => x.factureId === invoice.id).reduce((total, x) => total + cents(x.montant), 0)
      expect(paid).toBeLessThanOrEqual(10_000)
      expect(cents(invoice.montantPaye)).toBe(paid)
      expect(invoice.statut).toBe(paid === 10_000 ? 'PAYE' : 'ENVOYE')
    }
    for (const payment of await db.prisma.transactionQonto.findMany()) {
      const allocated = allocations.filter((x) => x.transactionId === payment.id).reduce((total, x) => total + cents(x.montant), 0)
      expect(allocated).toBeLessThanOrEqual(10_000)
      expect(cents(payment.montantAlloue)).toBe(allocated)
      expect(payment.associe).toBe(allocated === 10_000)
    }
    // Nothing doubled: one allocation, one audit row and one e-mail per association that succeeded, one audit row per undo.
    expect(allocations).toHaveLength(associated + automatic - released)
    expect(await db.prisma.qontoAuditLog.count({ where: { action: 'ASSOCIATION' } })).toBe(associated + automatic)
    expect(await db.prisma.qontoAuditLog.count({ where: { action: 'ASSOCIATION', automatique: true } })).toBe(automatic)
    expect(await db.prisma.qontoAuditLog.count({ where: { action: 'DISSOCIATION' } })).toBe(dissociations)
    const emails = await db.prisma.qontoEmailOutbox.findMany()
    expect(emails).toHaveLength(associated + automatic)
    const waiting = emails.filter((e) => e.annuleLe === null)
    expect(waiting.map((e) => e.cle).sort()).toEqual(allocations.map((x) => `invoice-paid:${x.factureId}:${x.transactionId}`).sort())
    expect(smtp.messages).toHaveLength(0)
    // One summary notification per automatic run that applied something, for the one admin.
    expect(await db.prisma.notification.count({ where: { type: 'RAPPROCHEMENT_AUTO' } })).toBe(runs.filter((run) => Number(run.body.matched) > 0).length)
    // No lock left: every payment and invoice row can be locked at once without waiting, no session idles in a transaction.
    await db.prisma.$transaction(async (tx) => {
      await tx.$queryRawUnsafe(`SELECT id FROM "transactions_qonto" FOR UPDATE NOWAIT`)
      await tx.$queryRawUnsafe(`SELECT id FROM "documents" FOR UPDATE NOWAIT`)
    })
    const [idle] = await db.prisma.$queryRawUnsafe<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    )
    expect(idle!.count).toBe(0)
    console.log(`two-process Associer/Dissocier: ${associated} associations and ${dissociations} undos went through (${statuses.filter((s) => s === 409).length} refused), ${automatic} automatic`)
  }, 420_000)
})
