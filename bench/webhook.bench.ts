/**
 * npm run bench:webhook — signed Qonto deliveries (each a new event and transaction) against the
 * running app on PostgreSQL, next to the design note's handler (write everything, then answer),
 * in the same run; then checks that no delivery was lost or duplicated.
 */
import type { AddressInfo } from 'node:net'
import autocannon from 'autocannon'
import express from 'express'
import { signPayload } from '../src/webhooks/signature.js'
import { createTestApp, createTestUsers } from '../test/helpers/app.js'
import { createTestDatabase } from '../test/helpers/databases.js'

process.env.TEST_DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres'
const SECRET = 'bench-secret-0123456789abcdef0123456789'
const DURATION = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 10)
let sequence = 0
/** This process's CPU (the load generator's share included, on both sides alike), in ms. */
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000

function nextDelivery(): { body: string; headers: Record<string, string> } {
  sequence += 1
  const t = Math.floor(Date.now() / 1000)
  const body = JSON.stringify({
    id: `evt-bench-${sequence}`,
    type: 'v1/transactions',
    created_at: new Date().toISOString(),
    data: {
      event: 'created', id: `tx-bench-${sequence}`, amount: 1500 + (sequence % 1000), currency: 'EUR', side: 'credit',
      operation_type: 'income', status: 'completed', label: 'CLIENT BENCH', clean_counterparty_name: 'Client Bench',
      reference: `FACT-2026-${sequence}`, settled_at: new Date().toISOString(), updated_at: new Date().toISOString(),
      income: { counterparty_account_number: 'FR7630006000011234567890189', counterparty_account_number_format: 'iban' },
    },
  })
  return { body, headers: { 'content-type': 'application/json', 'x-qonto-signature': `t=${t},v1=${signPayload(SECRET, t, body)}` } }
}

async function load(url: string) {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: 16,
    duration: DURATION,
    requests: [{ setupRequest: (request) => ({ ...request, ...nextDelivery() }) }],
  })
  return { rps: result.requests.average, p99: result.latency.p99, ok: result['2xx'], errors: result.non2xx + result.errors + result.timeouts }
}

// qonto-reconcile: store the event, answer, process right after.
const db = await createTestDatabase('postgresql')
await createTestUsers(db)
const env = { NODE_ENV: 'production', SESSION_SECRET: 'b3nch-s3ss10n-s3cr3t-f0r-th3-w3bh00k-b3nch', QONTO_WEBHOOK_SECRET: SECRET, LOG_LEVEL: 'silent' }
const app = createTestApp(db, env)
const server = app.app.listen(0)
const burstStart = performance.now()
const oursCpu = process.cpuUsage()
// The backlog (stored, not yet processed) every second of the burst: flat when processing keeps up.
const backlog: number[] = []
const sampler = setInterval(() => {
  void db.prisma.qontoWebhookEvent.count({ where: { processedAt: null, rejectedAt: null } }).then((n) => backlog.push(n))
}, 1000)
const ours = await load(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/qonto`)
clearInterval(sampler)
// Deliveries still in flight when autocannon stops are answered and stored but not counted as 2xx.
await new Promise((resolve) => server.close(resolve))
const sequenceAfterOurs = sequence
const drainStart = performance.now()
await app.reconciliation.webhookQueue.idle()
const drainSeconds = (performance.now() - drainStart) / 1000
// From the first delivery to the last event processed (and its credit evaluated), burst included.
const processingSeconds = (performance.now() - burstStart) / 1000
const oursCpuMs = cpuMs(process.cpuUsage(oursCpu))
const events = await db.prisma.qontoWebhookEvent.count()
const processed = await db.prisma.qontoWebhookEvent.count({ where: { processedAt: { not: null } } })
const transactions = await db.prisma.transactionQonto.count()
await app.close()
await db.close()

// The design note: verify, then create the transaction and the notifications before answering. Both
// routes are the first their app meets: ours is mounted first in the reference host (as the README
// says), the design note's alone in its app.
const naiveDb = await createTestDatabase('postgresql')
await createTestUsers(naiveDb)
const naive = express()
let naiveInFlight = 0
naive.post('/api/webhooks/qonto', express.raw({ type: () => true }), async (req, res) => {
  naiveInFlight += 1
  try {
    await naiveHandler(req, res)
  } finally {
    naiveInFlight -= 1
  }
})
async function naiveHandler(req: express.Request, res: express.Response) {
  const payload = JSON.parse((req.body as Buffer).toString())
  const t = payload.data
  await naiveDb.prisma.transactionQonto.create({
    data: { qontoId: t.id, montant: String(t.amount), devise: t.currency, libelle: t.label, reference: t.reference, dateTransaction: new Date(t.settled_at), emetteur: t.label, statut: 'SETTLED', qontoUpdatedAt: new Date(t.updated_at) },
  })
  const admins = await naiveDb.prisma.user.findMany({ where: { role: 'ADMIN', actif: true } })
  for (const admin of admins) {
    await naiveDb.prisma.notification.create({ data: { userId: admin.id, type: 'PAIEMENT_RECU', titre: 'Nouveau paiement Qonto', message: `Encaissement de ${t.amount}€` } })
  }
  res.json({ success: true })
}
const naiveServer = naive.listen(0)
const naiveCpu = process.cpuUsage()
const naiveResult = await load(`http://127.0.0.1:${(naiveServer.address() as AddressInfo).port}/api/webhooks/qonto`)
await new Promise((resolve) => naiveServer.close(resolve))
while (naiveInFlight > 0) await new Promise((resolve) => setTimeout(resolve, 20))
const naiveCpuMs = cpuMs(process.cpuUsage(naiveCpu))
await naiveDb.close()

console.log(`Signed Qonto webhook deliveries, ${DURATION} s, 16 connections, PostgreSQL, this machine`)
console.log(`  qonto-reconcile (store, answer, process after)  ${Math.round(ours.rps)} req/s accepted, p99 ${ours.p99} ms, ${ours.ok} 2xx, ${ours.errors} errors`)
console.log(`    → ${Math.round(processed / processingSeconds)} events/s processed (${processed} in ${processingSeconds.toFixed(1)} s: the ${DURATION} s burst, then the queue drained ${drainSeconds.toFixed(1)} s after it)`)
console.log(`    → ${(oursCpuMs / processed).toFixed(2)} ms of this process's CPU per delivery, accepted and processed (the load generator's share included)`)
console.log(`    → backlog (stored, not yet processed) each second of the burst: ${backlog.join(' ')}`)
console.log(`    → ${events} events stored, ${processed} processed, ${transactions} transactions: ${ours.ok <= events && events <= sequenceAfterOurs && processed === events && transactions === events ? 'none lost, none duplicated' : 'MISMATCH'}`)
console.log(`  design note (write everything, then answer)     ${Math.round(naiveResult.rps)} req/s accepted (and processed), p99 ${naiveResult.p99} ms, ${naiveResult.ok} 2xx, ${naiveResult.errors} errors`)
console.log(`    → ${(naiveCpuMs / Math.max(1, naiveResult.ok)).toFixed(2)} ms of this process's CPU per delivery (the load generator's share included)`)
console.log(`  acceptance ×${(ours.rps / naiveResult.rps).toFixed(2)} the design note's; processing ${drainSeconds <= 0.1 * DURATION ? 'kept up with the burst' : `${drainSeconds.toFixed(1)} s behind the burst`}`)
