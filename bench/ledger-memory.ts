/**
 * Child process of bench:export: wipes the ledger of the database at argv[2] and numbers every entry
 * with batches of argv[3] (Infinity: in one go), under the heap limit the parent gives node. Prints
 * one JSON line: entries booked, seconds, peak RSS and peak heap in MB. Running out of heap kills it.
 */
import { openDatabase } from '../examples/src/database.js'
import { bringLedgerUpToDate } from '../src/reconcile/ledger.service.js'
import { testContext } from '../test/helpers/app.js'
import { sampleMemory } from './memory-sampler.js'

const [url, batch] = process.argv.slice(2) as [string, string]
const db = await openDatabase({ url })
await db.sql.query('DELETE FROM "qonto_ecritures"; DELETE FROM "qonto_sequences_ecritures"')
const stop = sampleMemory()
const start = performance.now()
const report = await bringLedgerUpToDate(testContext(db as never), { batchSize: Number(batch) })
const { rss, heap } = stop()
console.log(JSON.stringify({ booked: report.booked, seconds: ((performance.now() - start) / 1000).toFixed(2), rss: Math.round(rss / 2 ** 20), heap: Math.round(heap / 2 ** 20) }))
await db.close()
