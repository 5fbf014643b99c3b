/**
 * `suggest` writes each result as it is matched (it keeps none): the text written, compact or
 * indented, is byte for byte JSON.stringify of all the results at once, the stable contract.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runSuggest } from '../src/cli/suggest.command.js'
import { suggestMatches } from '../src/domain/matching/index.js'
import { generateLedger } from '../bench/ledger.js'

const written = async (input: unknown, pretty: boolean): Promise<{ text: string; pieces: number }> => {
  const file = join(mkdtempSync(join(tmpdir(), 'qr-out-')), 'input.json')
  writeFileSync(file, JSON.stringify(input))
  const pieces: string[] = []
  await runSuggest(file, async () => '', { pretty, write: async (text) => void pieces.push(text) })
  return { text: pieces.join(''), pieces: pieces.length }
}

describe('suggest output written result by result', () => {
  const ledger = generateLedger({ clients: 40, invoices: 400, payments: 3000, seed: 3 })
  const input = { clients: ledger.clients, invoices: ledger.invoices, history: ledger.history, transactions: ledger.payments.map((p) => p.payment) }
  const results = suggestMatches(ledger, input.transactions, { maxSuggestions: 5 })

  it('is exactly JSON.stringify of every result, compact and indented (the indented one in pieces)', async () => {
    expect((await written(input, false)).text).toBe(`${JSON.stringify({ results })}\n`)
    const indented = await written(input, true)
    expect(indented.text).toBe(`${JSON.stringify({ results }, null, 2)}\n`)
    expect(indented.pieces).toBeGreaterThan(1)
  })

  it('writes an empty list as JSON.stringify does', async () => {
    const none = { ...input, transactions: [] }
    expect((await written(none, false)).text).toBe('{"results":[]}\n')
    expect((await written(none, true)).text).toBe(`${JSON.stringify({ results: [] }, null, 2)}\n`)
  })
})
