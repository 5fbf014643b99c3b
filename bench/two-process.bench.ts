/**
 * npm run bench:two-process — signed webhook bursts at one, then two server processes on one
 * PostgreSQL (test/fixtures/two-process/worker.ts: the reference host's runtime and webhook route),
 * with 1,000 open invoices and automatic reconciliation on: deliveries accepted per second during the
 * burst, and events processed (stored, then evaluated for automatic reconciliation) per second from
 * the start of the burst until nothing is left, with the time the backlog took to drain after it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { signPayload } from '../src/webhooks/signature.js'
import { createTestUsers } from '../test/helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../test/helpers/databases.js'

process.env.TEST_DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres'
const SECRET = 'bench-two-process-secret-0123456789abcdef'
const DURATION = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 10)
const ROOT = join(import.meta.dirname, '..')
const WORKER = join(ROOT, 'test', 'fixtures', 'two-process', 'worker.ts')
const INVOICES = 1000
const WARM_UP = 20
let sequence = 0

function nextDelivery(): { body: string; headers: Record<string, string> } {
  sequence += 1
  const t = Math.floor(Date.now() / 1000)
  const invoice = (sequence % INVOICES) + 1
  const body = JSON.stringify({
    id: `evt-2p-bench-${sequence}`,
    type: 'v1/transactions',
    created_at: new Date().toISOString(),
    data: {
      event: 'created', id: `tx-2p-bench-${sequence}`, amount: 100 + invoice, currency: 'EUR', side: 'credit',
      operation_type: 'income', status: 'completed', label: 'CLIENT BENCH', clean_counterparty_name: 'Client Bench',
      reference: `FACT-2026-${String(invoice).padStart(5, '0')}`, settled_at: new Date().toISOString(), updated_at: new Date().toISOString(),
      income: { counterparty_account_number: 'FR7630006000011234567890189', counterparty_account_number_format: 'iban' },
    },
  })
  return { body, headers: { 'content-type': 'application/json', 'x-qonto-signature': `t=${t},v1=${signPayload(SECRET, t, body)}` } }
}

async function startWorker(db: TestDatabase): Promise<{ port: number; child: ChildProcess }> {
  // BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles each worker.
  const extra = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter((arg) => arg.length > 0)
  const child = spawn(process.execPath, [...extra, '--conditions=qonto-reconcile-source', '--import', 'tsx', WORKER], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', SESSION_SECRET: 'b3nch-s3ss10n-s3cr3t-f0r-th3-tw0-pr0c3ss-b3nch', DATABASE_URL: db.url!, QONTO_WEBHOOK_SECRET: SECRET, QONTO_SYNC_INTERVAL: '0', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const ready = /READY (\d+)/.exec(output)
      if (ready) resolve(Number(ready[1]))
    })
    child.on('exit', (code) => reject(new Error(`worker exited (${code}): ${output}`)))
  })
  return { port, child }
}

/** Until every stored event is processed and every credit evaluated for automatic reconciliation. */
async function drained(db: TestDatabase): Promise<void> {
  for (;;) {
    const left = await db.prisma.qontoWebhookEvent.count({ where: { processedAt: null, rejectedAt: null } })
    const flagged = await db.prisma.transactionQonto.count({ where: { autoEvalDue: { not: null } } })
    if (left === 0 && flagged === 0) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** CPU time a worker used so far (user + system, Linux /proc; NaN elsewhere). */
function cpuMs(child: ChildProcess): number {
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return Number.NaN
  }
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)

async function run(processes: number) {
  const db = await createTestDatabase('postgresql')
  await createTestUsers(db)
  const client = await db.prisma.marque.create({ data: { nom: 'Client Bench', ibans: ['FR7630006000011234567890189'] } })
  await db.prisma.document.createMany({
    data: Array.from({ length: INVOICES }, (_, i) => ({
      reference: `FACT-2026-${String(i + 1).padStart(5, '0')}`, montantTTC: `${101 + i}.00`, statut: 'ENVOYE' as const, dateEmission: new Date('2026-10-01'), marqueId: client.id,
    })),
  })
  const workers = await Promise.all(Array.from({ length: processes }, () => startWorker(db)))
  // Warm-up (a server in production is warm): a few deliveries to each process, processed, before the timed burst.
  for (const w of workers) {
    for (let i = 0; i < WARM_UP; i += 1) {
      const delivery = nextDelivery()
      await fetch(`http://127.0.0.1:${w.port}/api/webhooks/qonto`, { method: 'POST', headers: delivery.headers, body: delivery.body })
    }
  }
  await drained(db)
  const warmEvents = await db.prisma.qontoWebhookEvent.count()
  const warmPaid = await db.prisma.document.count({ where: { statut: 'PAYE' } })
  const cpuBefore = workers.map((w) => cpuMs(w.child))
  const started = performance.now()
  const results = await Promise.all(
    workers.map((w) =>
      autocannon({
        url: `http://127.0.0.1:${w.port}/api/webhooks/qonto`,
        method: 'POST',
        connections: 16 / processes,
        duration: DURATION,
        requests: [{ setupRequest: (request) => ({ ...request, ...nextDelivery() }) }],
      }),
    ),
  )
  const burstSeconds = (performance.now() - started) / 1000
  const accepted = results.reduce((sum, r) => sum + r['2xx'], 0)
  const errors = results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0)
  const cpuBurst = sum(workers.map((w, i) => cpuMs(w.child) - cpuBefore[i]!))
  await drained(db)
  const doneSeconds = (performance.now() - started) / 1000
  const cpuAll = sum(workers.map((w, i) => cpuMs(w.child) - cpuBefore[i]!))
  const events = (await db.prisma.qontoWebhookEvent.count()) - warmEvents
  const transactions = (await db.prisma.transactionQonto.count()) - warmEvents
  const paid = (await db.prisma.document.count({ where: { statut: 'PAYE' } })) - warmPaid
  for (const w of workers) w.child.kill('SIGTERM')
  await Promise.all(workers.map((w) => new Promise((resolve) => (w.child.exitCode !== null ? resolve(null) : w.child.once('exit', resolve)))))
  await db.close()
  return { processes, accepted, errors, acceptedPerSecond: accepted / burstSeconds, processedPerSecond: events / doneSeconds, drainAfter: doneSeconds - burstSeconds, events, transactions, paid, cpuBurst, cpuAll }
}

console.log(`Signed webhook bursts, ${DURATION} s, 16 connections in all, ${INVOICES} open invoices, automatic reconciliation on, PostgreSQL, this machine`)
const PROCESSES = (process.env.BENCH_PROCESSES ?? '1,2').split(',').map(Number)
for (const processes of PROCESSES) {
  const r = await run(processes)
  console.log(
    `  ${processes} process${processes > 1 ? 'es' : '  '}  accepted ${Math.round(r.acceptedPerSecond)}/s (${r.accepted} 2xx, ${r.errors} errors)  processed ${Math.round(r.processedPerSecond)}/s` +
      `  backlog drained ${r.drainAfter.toFixed(1)} s after the burst  → ${r.events} events, ${r.transactions} transactions, ${r.paid} invoices paid automatically` +
      `  (worker CPU ${(r.cpuAll / r.events).toFixed(1)} ms per event, ${Math.round((100 * r.cpuBurst) / r.cpuAll)}% of it during the burst)`,
  )
}
