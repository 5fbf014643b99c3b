/**
 * npm run bench:sync — imports 50,000 Qonto transactions from the local stand-in into PostgreSQL
 * (batches of 10 pages of 100, written in statements of at most 100 rows / 32 KB) next to the design
 * note's way (one upsert per transaction), in the same run. Ours runs twice at full size: as the
 * product runs it (each batch's new credits handed to automatic reconciliation), and the feed alone
 * (nobody listening to ingest), to tell the feed's memory from the reconciliation's; ours runs under the
 * old-space cap `qonto-reconcile sync` sets itself, and once more without it. Each way runs in a fresh process of its own so its peak memory is
 * its own: the sync over the extension's core (what `qonto-reconcile sync` loads, not the AdminJS
 * panel), RSS and heap sampled every 50 ms. Ours also runs on 10,000 rows: how the peak grows with
 * the history. BENCH_SYNC_TRACE=1 prints RSS, heap and external memory every 50 pages (stderr). Needs PostgreSQL (TEST_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres).
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { STAND_IN_ACCOUNT, STAND_IN_CREDENTIALS } from '../test/helpers/qonto-stand-in.js'

process.env.TEST_DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres'
const TOTAL = Number(process.env.BENCH_SYNC_TOTAL ?? 50_000)
const NAIVE_TOTAL = Math.min(TOTAL, 10_000)
const SMALL_TOTAL = Math.min(TOTAL, 10_000)
const account = { bankAccountId: STAND_IN_ACCOUNT.id }
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

interface Outcome {
  rows: number
  seconds: number
  baselineRss: number
  peakRss: number
  peakHeap: number
}

const [, , role, standInUrl, limit] = process.argv
if (role === 'ours' || role === 'feed' || role === 'naive') {
  process.stdout.write(`${JSON.stringify(await measure(role, standInUrl!, Number(limit)))}\n`)
  process.exit(0)
}

type Way = 'ours' | 'feed' | 'naive'

async function measure(way: Way, url: string, rows: number): Promise<Outcome> {
  const { QontoClient } = await import('../src/qonto/client.js')
  const { createTestDatabase } = await import('../test/helpers/databases.js')
  const { loadConfig } = await import('../examples/src/config.js')
  const { createLogger } = await import('../examples/src/logger.js')
  const { reconciliationOptions } = await import('../examples/src/reconciliation-options.js')
  const { createContext } = await import('../src/context.js')
  const { connectRooms } = await import('../src/core.js')
  const client = new QontoClient({ baseUrl: url, auth: { kind: 'api-key', login: STAND_IN_CREDENTIALS.login, secretKey: STAND_IN_CREDENTIALS.secretKey }, account })
  const db = await createTestDatabase('postgresql')
  const env = { NODE_ENV: 'test' }
  const core = createContext(reconciliationOptions(db, loadConfig(env), createLogger('silent'), env))
  // 'feed': the context as a feed used on its own has it (ingest stores, no automatic reconciliation follows).
  const ctx = way === 'feed' ? core : connectRooms(core)
  const baselineRss = process.memoryUsage().rss
  let peakRss = baselineRss
  let peakHeap = 0
  const sampler = setInterval(() => {
    const usage = process.memoryUsage()
    peakRss = Math.max(peakRss, usage.rss)
    peakHeap = Math.max(peakHeap, usage.heapUsed)
  }, 50)
  const start = performance.now()
  const stored = way === 'naive' ? await naive(db.prisma, client, rows) : await ours(ctx, client)
  const seconds = (performance.now() - start) / 1000
  clearInterval(sampler)
  await db.close()
  return { rows: stored, seconds, baselineRss, peakRss, peakHeap }
}

/** The product's sync (sync.service.ts): every page of the stand-in (which has exactly the rows asked for). */
async function ours(ctx: import('../src/context.js').ReconciliationContext, client: import('../src/qonto/client.js').QontoClient): Promise<number> {
  const { syncTransactions } = await import('../src/feed/sync.service.js')
  return (await syncTransactions(ctx, client, account, { onPage: process.env.BENCH_SYNC_TRACE ? tracePage : undefined })).created
}

function tracePage({ page }: { page: number }): void {
  if (page % 50 !== 0) return
  const u = process.memoryUsage()
  process.stderr.write(`  page ${page}: RSS ${mb(u.rss)}, heap ${mb(u.heapUsed)} used of ${mb(u.heapTotal)}, external ${mb(u.external)}\n`)
}

/** The design note's way: every page, one upsert per transaction. */
async function naive(prisma: import('@prisma/client').PrismaClient, client: import('../src/qonto/client.js').QontoClient, rows: number): Promise<number> {
  const { toTransactionRecord } = await import('../src/qonto/mapping.js')
  const { centsToDecimalString } = await import('../src/domain/money.js')
  let stored = 0
  for (let page = 1; stored < rows; page += 1) {
    const result = await client.listTransactions({ status: ['pending', 'completed', 'declined'], sortBy: 'updated_at:asc', page })
    for (const transaction of result.transactions) {
      if (stored >= rows) break
      const r = toTransactionRecord(transaction)
      const data = {
        montant: centsToDecimalString(r.amountCents), devise: r.currency, libelle: r.label, reference: r.reference,
        dateTransaction: new Date(r.date), emetteur: r.counterpartyName, emetteurIban: r.counterpartyIban,
        statut: r.statut, sens: r.side, typeOperation: r.operationType, qontoUpdatedAt: new Date(r.qontoUpdatedAt),
      }
      await prisma.transactionQonto.upsert({ where: { qontoId: r.qontoId }, create: { qontoId: r.qontoId, ...data }, update: data })
      stored += 1
    }
    if (result.meta.next_page === null) break
  }
  return stored
}

/** The stand-in runs in its own process, as Qonto is remote: its CPU and memory are not ours. */
async function startStandIn(total: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./stand-in-process.ts', import.meta.url)), String(total)], { stdio: ['ignore', 'pipe', 'inherit'] })
  const [firstChunk] = (await once(child.stdout!, 'data')) as [Buffer]
  return { url: firstChunk.toString().trim(), close: () => void child.kill('SIGTERM') }
}

async function run(way: Way, total: number, rows: number, nodeFlags: string[] = []): Promise<Outcome> {
  const standIn = await startStandIn(total)
  try {
    const child = spawn(process.execPath, [...nodeFlags, '--conditions=qonto-reconcile-source', '--import', 'tsx', fileURLToPath(import.meta.url), way, standIn.url, String(rows)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    })
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const [code] = (await once(child, 'exit')) as [number]
    if (code !== 0) throw new Error(`${way} exited with ${code}`)
    return JSON.parse(output.trim().split('\n').at(-1)!) as Outcome
  } finally {
    standIn.close()
  }
}

const line = (label: string, o: Outcome) =>
  `  ${label.padEnd(48)} ${String(o.rows).padStart(6)} rows in ${o.seconds.toFixed(1).padStart(6)} s = ${String(Math.round(o.rows / o.seconds)).padStart(5)} tx/s, RSS ${mb(o.baselineRss)} → peak ${mb(o.peakRss)} (+${mb(o.peakRss - o.baselineRss)}), heap peak ${mb(o.peakHeap)}`

// `qonto-reconcile sync` runs under the old-space cap it sets itself (src/cli/heap-cap.ts): the same flag here.
const { SYNC_OLD_SPACE_MB } = await import('../src/cli/heap-cap.js')
const cliFlags = [`--max-old-space-size=${SYNC_OLD_SPACE_MB}`]
const big = await run('ours', TOTAL, TOTAL, cliFlags)
// The same sync under Node's default limit (several GB), as in a host's server process: V8 puts off
// full collections, which is the whole difference (the live heap is the same).
const uncapped = await run('ours', TOTAL, TOTAL)
const feedOnly = await run('feed', TOTAL, TOTAL, cliFlags)
const small = await run('ours', SMALL_TOTAL, SMALL_TOTAL, cliFlags)
const naiveWay = await run('naive', TOTAL, NAIVE_TOTAL)
console.log(`Sync of Qonto transactions from the local stand-in into PostgreSQL (each way in its own process)`)
console.log(line(`qonto-reconcile sync, ${TOTAL} rows (its ${SYNC_OLD_SPACE_MB} MB cap)`, big))
console.log(line(`  the same without a cap (Node's default limit)`, uncapped))
console.log(line(`  the feed alone (no automatic reconciliation)`, feedOnly))
console.log(line(`qonto-reconcile sync, ${SMALL_TOTAL} rows`, small))
console.log(line(`design note (one upsert per transaction)`, naiveWay))
console.log(`  speed-up ×${(big.rows / big.seconds / (naiveWay.rows / naiveWay.seconds)).toFixed(1)}; peak memory of ${TOTAL} rows vs ${SMALL_TOTAL}: ${mb(big.peakRss)} vs ${mb(small.peakRss)}`)
