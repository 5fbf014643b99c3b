import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { signPayload, verifySignature } from '../../src/webhooks/signature.js'

const SAMPLES = new URL('../fixtures/qonto/', import.meta.url)
const delivery = JSON.parse(readFileSync(new URL('webhook-v1-transactions.delivery.json', SAMPLES), 'utf8'))
const sampleBody = readFileSync(new URL('webhook-v1-transactions.body.json', SAMPLES))
const sampleHeader: string = delivery.headers['X-Qonto-Signature']
const sampleT = Number(/t=(\d+)/.exec(sampleHeader)![1])

describe('Qonto webhook signature', () => {
  it("verifies Qonto's official test vector", () => {
    const header = 't=1704110400,v1=56aff06dc227db80d6568a5070f912c601c31f20451745d257cbc0b5dfa93805'
    expect(verifySignature(header, Buffer.from('{"test":"data"}'), ['test-secret'], 1704110400)).toEqual({ ok: true })
  })

  it('verifies the shared sample delivery byte for byte', () => {
    expect(verifySignature(sampleHeader, sampleBody, [delivery.webhook_secret], sampleT + 10)).toEqual({ ok: true })
  })

  it('accepts any of several secrets during a rotation', () => {
    expect(verifySignature(sampleHeader, sampleBody, ['old-secret', delivery.webhook_secret], sampleT)).toEqual({ ok: true })
  })

  it('refuses a tampered body, signature or timestamp, a wrong secret, and a stale or future delivery', () => {
    const tamperedBody = Buffer.from(sampleBody.toString().replace('1440.0', '1441.0'))
    expect(verifySignature(sampleHeader, tamperedBody, [delivery.webhook_secret], sampleT)).toMatchObject({ ok: false, reason: 'signature mismatch' })
    const tamperedSig = sampleHeader.replace(/v1=(.)/, (_m, c: string) => `v1=${c === 'a' ? 'b' : 'a'}`)
    expect(verifySignature(tamperedSig, sampleBody, [delivery.webhook_secret], sampleT).ok).toBe(false)
    const shiftedT = sampleHeader.replace(`t=${sampleT}`, `t=${sampleT + 1}`)
    expect(verifySignature(shiftedT, sampleBody, [delivery.webhook_secret], sampleT).ok).toBe(false)
    expect(verifySignature(sampleHeader, sampleBody, ['wrong'], sampleT).ok).toBe(false)
    expect(verifySignature(sampleHeader, sampleBody, [delivery.webhook_secret], sampleT + 301)).toMatchObject({ reason: 'timestamp outside the 5-minute tolerance' })
    expect(verifySignature(sampleHeader, sampleBody, [delivery.webhook_secret], sampleT - 301).ok).toBe(false)
  })

  it('refuses missing and malformed headers', () => {
    for (const header of [undefined, '', 'v1=abc', 't=123', 't=abc,v1=' + 'a'.repeat(64), 'garbage', `t=1,v1=${'z'.repeat(64)}`]) {
      expect(verifySignature(header, sampleBody, ['s'], 1).ok).toBe(false)
    }
  })

  it('signs what it verifies', () => {
    const body = Buffer.from('{"a":1}')
    expect(verifySignature(`t=100,v1=${signPayload('k', 100, body)}`, body, ['k'], 100).ok).toBe(true)
  })
})
