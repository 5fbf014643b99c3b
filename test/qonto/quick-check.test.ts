/**
 * The hand checks (src/qonto/quick-check.ts, the webhook's quick path) stand for the schemas on the
 * common valid case only: whatever they accept, the schemas accept too and return the same thing;
 * whatever else goes through the schemas. Each case below is one field of a valid transaction (or
 * delivery) changed to something odd, valid or not.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { quickQontoTransaction } from '../../src/qonto/quick-check.js'
import { qontoTransactionSchema } from '../../src/qonto/schemas.js'
import { classifyWebhookBody } from '../../src/webhooks/payload.js'
import { qontoTransaction } from '../helpers/qonto-stand-in.js'

const ODD_VALUES: unknown[] = [
  undefined, null, '', 'x', 'eur', 'EUR', 'XXX', 'XTS', 'E\u0000R', 'a\ud800', 'ok\ud83d\ude00', 0, -1, 1.5, 1e12, 999_999_999_999, '12.34', '12.345', '-3',
  'credit', 'debit', 'CREDIT', 'created', 'updated', 'completed', '2026-03-02T09:14:27.512Z', '2026-02-30T00:00:00Z', '2026-03-02', 'infinity',
  [], {}, { id: 'acc' }, { id: 1 }, { counterparty_account_number: 'FR76 3000 6000 0112 3456 7890 189', counterparty_account_number_format: 'IBAN', extra: 1 },
  { counterparty_account_number: 5 }, 'x'.repeat(201), true,
]
const TRANSACTION_FIELDS = ['id', 'transaction_id', 'amount', 'amount_cents', 'currency', 'side', 'operation_type', 'status', 'label', 'clean_counterparty_name',
  'reference', 'note', 'settled_at', 'emitted_at', 'updated_at', 'bank_account_id', 'income', 'swift_income', 'transfer', 'direct_debit_collection', 'event',
  'bank_account', 'unknown_field']

const variants = (base: Record<string, unknown>) =>
  TRANSACTION_FIELDS.flatMap((field) => ODD_VALUES.map((value) => {
    const copy: Record<string, unknown> = { ...base }
    if (value === undefined) delete copy[field]
    else copy[field] = value
    return { field, value, copy }
  }))

describe('quickQontoTransaction', () => {
  const base = qontoTransaction({ income: { counterparty_account_number: 'FR7630006000011234567890189', counterparty_account_number_format: 'iban', counterparty_bank_identifier: 'AGRIFRPP', counterparty_bank_identifier_format: 'bic' } })

  it('takes the common valid transaction itself (the stand-in\'s, with an income counterparty)', () => {
    expect(quickQontoTransaction(base)).not.toBeNull()
    expect(quickQontoTransaction(base)).toStrictEqual(qontoTransactionSchema.parse(base))
  })

  it('returns exactly what the schema returns whenever it answers, and leaves the rest to it', () => {
    let answered = 0
    for (const { field, value, copy } of variants(base)) {
      const quick = quickQontoTransaction(copy)
      if (quick === null) continue
      answered += 1
      const schema = qontoTransactionSchema.safeParse(copy)
      expect(schema.success, `${field} = ${JSON.stringify(value)}`).toBe(true)
      expect(quick, `${field} = ${JSON.stringify(value)}`).toStrictEqual(schema.data)
    }
    expect(answered).toBeGreaterThan(100)
  })
})

describe('the webhook quick path', () => {
  const sample = JSON.parse(readFileSync(new URL('../fixtures/qonto/webhook-v1-transactions.body.json', import.meta.url), 'utf8')) as { id: string; type: string; data: Record<string, unknown> }

  it('classifies the documented sample without the schemas, as the schemas do', () => {
    const body = JSON.stringify(sample)
    expect(classifyWebhookBody(body)).toStrictEqual(classifyWebhookBody(body, { quick: false }))
    expect(classifyWebhookBody(body).kind).toBe('accepted')
  })

  it('classifies every variant of a delivery (its data, its envelope, escapes, nesting) as the schemas do', () => {
    const bodies = [
      ...variants(sample.data).map(({ copy }) => JSON.stringify({ ...sample, data: copy })),
      ...variants(sample).map(({ copy }) => JSON.stringify(copy)),
      JSON.stringify({ ...sample, data: { ...sample.data, label: 'caf\u00e9' } }).replace('café', 'caf\\u00e9'),
      JSON.stringify({ ...sample, data: { ...sample.data, label: 'x' } }).replace('"x"', '"\\u0000"'),
      JSON.stringify({ ...sample, data: { ...sample.data, extra: JSON.parse('['.repeat(70) + ']'.repeat(70)) } }),
      JSON.stringify({ ...sample, data: { ...sample.data, extra: JSON.parse('['.repeat(60) + ']'.repeat(60)) } }),
      JSON.stringify({ ...sample, data: { ...sample.data, label: '{{{{[[[[' } }),
      // JSON.parse makes `__proto__` an own key, which zod's objects and records drop.
      JSON.stringify(sample).replace('"data":{', '"data":{"__proto__":{"amount_cents":1},'),
      JSON.stringify(sample).replace('"income":{', '"income":{"__proto__":{"x":1},'),
    ]
    for (const body of bodies) {
      for (const raw of [body, Buffer.from(body)]) expect(classifyWebhookBody(raw), body).toStrictEqual(classifyWebhookBody(raw, { quick: false }))
    }
  })
})
