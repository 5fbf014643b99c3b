/**
 * Issue 13, item 11: a webhook body is either unreadable (400, nothing stored) or a readable envelope
 * whose data is valid (processed) or can never be (200, stored as rejected, never retried). NUL,
 * broken Unicode and deep nesting are classified, never thrown.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { inspectJson, isSafeText, storableJson } from '../../src/domain/text/safe-text.js'
import { classifyTransactionEvent, classifyWebhookBody } from '../../src/webhooks/payload.js'

const SAMPLES = new URL('../fixtures/qonto/', import.meta.url)
const sampleBody = readFileSync(new URL('webhook-v1-transactions.body.json', SAMPLES), 'utf8')
const sample = JSON.parse(sampleBody) as { id: string; type: string; data: Record<string, unknown> }
const withData = (overrides: Record<string, unknown>) => JSON.stringify({ ...sample, data: { ...sample.data, ...overrides } })
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)

describe('classifyTransactionEvent', () => {
  it('accepts the documented sample', () => {
    const result = classifyTransactionEvent(sample.data)
    expect(result.ok).toBe(true)
  })

  it.each([
    [{ amount: 0.001 }, /amount/],
    [{ amount: 1e11 }, /amount/],
    [{ currency: 'EU' }, /currency : Devise invalide/],
    [{ currency: 'XXX' }, /currency/],
    [{ settled_at: 'infinity' }, /settled_at : Date invalide/],
    [{ updated_at: '2026-02-30T00:00:00Z' }, /updated_at : Date invalide/],
    [{ label: 'A\u0000B' }, /caractère NUL/],
    [{ reference: 'x\ud800' }, /Unicode invalide/],
    [{ extra: { deep: JSON.parse(nested(100)) } }, /imbrication JSON trop profonde/],
    [{ extra: ['ok', 'pas\u0000ok'] }, /extra\.1 contient un caractère NUL/],
  ])('refuses %j with a French reason', (overrides, reason) => {
    const result = classifyTransactionEvent({ ...sample.data, ...overrides })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.reason).toMatch(reason)
  })

  it('never throws, whatever it is given', () => {
    for (const data of [undefined, null, 0, 'x', [], {}, { event: 'created' }, JSON.parse(nested(10_000)), { ['\u0000']: 1 }]) {
      expect(classifyTransactionEvent(data).ok).toBe(false)
    }
  })
})

describe('classifyWebhookBody', () => {
  it('accepts the documented delivery, ignores other types', () => {
    expect(classifyWebhookBody(Buffer.from(sampleBody))).toMatchObject({ kind: 'accepted', envelope: { id: sample.id } })
    expect(classifyWebhookBody(JSON.stringify({ id: 'e', type: 'v1/cards', data: {} }))).toMatchObject({ kind: 'ignored' })
  })

  it('answers malformed (400) only when the envelope cannot be read', () => {
    for (const body of ['', '{', 'null', '[]', '{"id":"x"}', JSON.stringify({ id: 'a\u0000', type: 'v1/transactions', data: {} }), JSON.stringify({ id: 'x', type: 'v1/transactions', data: [] })]) {
      expect(classifyWebhookBody(body).kind, body).toBe('malformed')
    }
  })

  it('rejects (200, stored, never retried) a readable envelope with impossible data, with a storable copy', () => {
    const cases = [
      withData({ amount: 1e400 }),
      withData({ currency: 'eu' }),
      withData({ updated_at: 'infinity' }),
      withData({ label: 'DUPONT\u0000' }),
      withData({ reference: '\udc00' }),
      withData({ pad: JSON.parse(nested(65)) }),
      `{"id":"deep","type":"v1/transactions","data":{},"x":${nested(5000)}}`,
    ]
    for (const body of cases) {
      const result = classifyWebhookBody(Buffer.from(body))
      expect(result.kind, body.slice(0, 80)).toBe('rejected')
      if (result.kind !== 'rejected') continue
      expect(result.reason).toMatch(/refusée|invalide/)
      expect(inspectJson(result.storable).ok).toBe(true)
      expect(() => JSON.stringify(result.storable)).not.toThrow()
    }
  })

  it('rejects invalid UTF-8 bytes when the envelope is readable', () => {
    const broken = Buffer.from(sampleBody.replace('DUPONT ET FILS SARL', 'DUPONT \u00e9'))
    const index = broken.indexOf(0xa9) // second byte of "é"
    broken[index] = 0x28 // "\xc3(" is not UTF-8
    expect(classifyWebhookBody(broken)).toMatchObject({ kind: 'rejected', reason: 'Corps refusé : UTF-8 invalide' })
    expect(classifyWebhookBody(Buffer.from([0xff, 0xfe, 0x7b])).kind).toBe('malformed')
  })
})

describe('storableJson', () => {
  it('keeps safe values as they are and replaces what PostgreSQL jsonb refuses', () => {
    expect(storableJson({ a: [1, 'b', null, true], c: { d: 'é🍀' } })).toEqual({ a: [1, 'b', null, true], c: { d: 'é🍀' } })
    expect(storableJson({ ['k\u0000']: 'v\ud800', n: Infinity })).toEqual({ 'k\uFFFD': 'v\uFFFD', n: null })
    const deep = storableJson(JSON.parse(nested(100_000)))
    expect(inspectJson(deep).ok).toBe(true)
    expect(isSafeText(JSON.stringify(deep))).toBe(true)
  })
})
