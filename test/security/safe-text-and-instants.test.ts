import { describe, expect, it } from 'vitest'
import { isIsoInstant, parseIsoInstant } from '../../src/domain/instant.js'
import { assertSafeText, inspectJson, isSafeText, toSafeText, UnsafeTextError } from '../../src/domain/text/safe-text.js'

describe('isSafeText / assertSafeText', () => {
  it('accepts well-formed Unicode, surrogate pairs included', () => {
    for (const text of ['', 'DUPONT ET FILS', 'Société 🍀', '\ud83d\ude00', 'tab\tand\nnewline']) expect(isSafeText(text), text).toBe(true)
  })

  it('refuses NUL and lone surrogates, with a French message naming the field', () => {
    for (const text of ['\u0000', 'a\u0000', '\ud800', '\udfff', 'a\ud83db', '\ude00\ud83d']) expect(isSafeText(text), JSON.stringify(text)).toBe(false)
    expect(() => assertSafeText('x\u0000', 'label')).toThrow(UnsafeTextError)
    expect(() => assertSafeText('x\u0000', 'label')).toThrow('Texte refusé (label) : contient un caractère NUL')
    expect(assertSafeText('ok')).toBe('ok')
    expect(toSafeText('a\u0000b\ud800c\ud83d\ude00')).toBe('a\uFFFDb\uFFFDc\ud83d\ude00')
  })

  it('inspects JSON depth without recursion', () => {
    expect(inspectJson(JSON.parse('['.repeat(64) + ']'.repeat(64))).ok).toBe(true)
    expect(inspectJson(JSON.parse('['.repeat(65) + ']'.repeat(65))).ok).toBe(false)
    expect(inspectJson(JSON.parse('['.repeat(200_000) + ']'.repeat(200_000))).ok).toBe(false)
  })
})

describe('parseIsoInstant', () => {
  it('reads real instants with Z or an offset', () => {
    expect(parseIsoInstant('2026-03-02T09:14:27.512Z')).toBe(Date.parse('2026-03-02T09:14:27.512Z'))
    expect(parseIsoInstant('2026-03-02T10:14:27+01:00')).toBe(Date.parse('2026-03-02T09:14:27Z'))
    expect(parseIsoInstant('2024-02-29T23:59:59Z')).not.toBeNull()
    expect(parseIsoInstant('2200-12-31T23:59:59.999Z')).not.toBeNull()
  })

  it('refuses PostgreSQL date words, impossible dates, missing parts and years out of range', () => {
    for (const text of ['infinity', '-infinity', 'epoch', 'now', 'today', 'tomorrow', 'allballs', '2025-02-29T00:00:00Z', '2026-04-31T00:00:00Z',
      '2026-03-02T09:60:00Z', '2026-03-02T09:00:60Z', '2026-03-02T09:00:00', '2026-03-02 09:00:00Z', '2026-03-02T09:00Z', '0050-01-01T00:00:00Z',
      '1969-12-31T23:59:59.999Z', '2201-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '2026-03-02T09:00:00+25:00', ' 2026-03-02T09:00:00Z']) {
      expect(isIsoInstant(text), text).toBe(false)
    }
  })
})
