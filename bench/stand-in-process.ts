/** Runs the Qonto stand-in with N generated transactions in its own process; prints its URL. */
import { qontoTransaction, startQontoStandIn } from '../test/helpers/qonto-stand-in.js'

const total = Number(process.argv[2] ?? 50_000)
const standIn = await startQontoStandIn()
const base = Date.parse('2026-01-01T00:00:00Z')
for (let i = 0; i < total; i += 1) {
  standIn.transactions.push(qontoTransaction({ amount_cents: 1000 + (i % 500_000), updated_at: new Date(base + i * 1000).toISOString(), reference: `FACT-2026-${i}` }))
}
process.stdout.write(`${standIn.url}\n`)
process.on('SIGTERM', () => void standIn.close().then(() => process.exit(0)))
