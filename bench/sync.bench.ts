/**
 * npm run bench:sync — imports 50,000 Qonto transactions from the local stand-in into PostgreSQL
 * (batched upsert per page of 100) next to the design note's way (one upsert per transaction),
 * in the same run. Needs PostgreSQL (TEST_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres).
 */
import { QontoClient } from '../src/qonto/client.js'
import { toTransactionRecord } from '../src/qonto/mapping.js'
import { centsToDecimalString } from '../src/domain/money.js'
import { syncTransactions } from '../src/feed/sync.service.js'
import { testContext } from '../test/helpers/app.js'
import { createTestDatabase } from '../test/helpers/databases.js'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { STAND_IN_ACCOUNT, STAND_IN_CREDENTIALS } from '../test/helpers/qonto-stand-in.js'

process.env.TEST_DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres'
const TOTAL = Number(process.env.BENCH_SYNC_TOTAL ?? 50_000)
const NAIVE_TOTAL = Math.min(TOTAL, 10_000)

// The stand-in runs in its own process, as Qonto is remote: its CPU and memory are not ours.
const standInProcess = spawn(process.execPath, ['--import', 'tsx', new URL('./stand-in-process.ts', import.meta.url).pathname, String(TOTAL)], {
  stdio: ['ignore', 'pipe', 'inherit'],
})
const [firstChunk] = (await once(standInProcess.stdout!, 'data')) as [Buffer]
const standIn = { url: firstChunk.toString().trim(), close: async () => void standInProcess.kill('SIGTERM') }
const account = { bankAccountId: STAND_IN_ACCOUNT.id }
const client = new QontoClient({ baseUrl: standIn.url, auth: { kind: 'api-key', login: STAND_IN_CREDENTIALS.login, secretKey: STAND_IN_CREDENTIALS.secretKey }, account })

let peakRss = 0
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100)
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

const db = await createTestDatabase('postgresql')
const rssBefore = process.memoryUsage().rss
let start = performance.now()
const summary = await syncTransactions(testContext(db), client, account)
const oursSeconds = (performance.now() - start) / 1000
const oursPeak = peakRss
await db.close()

const naiveDb = await createTestDatabase('postgresql')
start = performance.now()
let stored = 0
for (let page = 1; stored < NAIVE_TOTAL; page += 1) {
  const result = await client.listTransactions({ status: ['pending', 'completed', 'declined'], sortBy: 'updated_at:asc', page })
  for (const transaction of result.transactions) {
    if (stored >= NAIVE_TOTAL) break
    const r = toTransactionRecord(transaction)
    const data = {
      montant: centsToDecimalString(r.amountCents), devise: r.currency, libelle: r.label, reference: r.reference,
      dateTransaction: new Date(r.date), emetteur: r.counterpartyName, emetteurIban: r.counterpartyIban,
      statut: r.statut, sens: r.side, typeOperation: r.operationType, qontoUpdatedAt: new Date(r.qontoUpdatedAt),
    }
    await naiveDb.prisma.transactionQonto.upsert({ where: { qontoId: r.qontoId }, create: { qontoId: r.qontoId, ...data }, update: data })
    stored += 1
  }
  if (result.meta.next_page === null) break
}
const naiveSeconds = (performance.now() - start) / 1000
await naiveDb.close()
clearInterval(sampler)
await standIn.close()

const oursRate = summary.created / oursSeconds
const naiveRate = stored / naiveSeconds
console.log(`Sync of ${TOTAL} Qonto transactions from the local stand-in into PostgreSQL`)
console.log(`  qonto-reconcile (10 pages of 100 → one upsert)   ${summary.created} rows in ${oursSeconds.toFixed(1)} s = ${Math.round(oursRate)} tx/s, RSS ${mb(rssBefore)} → peak ${mb(oursPeak)}`)
console.log(`  design note (one upsert per transaction)    ${stored} rows in ${naiveSeconds.toFixed(1)} s = ${Math.round(naiveRate)} tx/s`)
console.log(`  speed-up ×${(oursRate / naiveRate).toFixed(1)}`)
