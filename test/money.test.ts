import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { centsToDecimalString, formatEuros, parseAmount, toCents } from '../src/domain/money.js'

describe('money in integer cents', () => {
  it('parses decimal strings exactly, with dot or comma and French spacing', () => {
    expect(parseAmount('1500')).toBe(150000)
    expect(parseAmount('1500.5')).toBe(150050)
    expect(parseAmount('1 500,05')).toBe(150005)
    expect(parseAmount('0.1')).toBe(10)
    expect(parseAmount('-3.20')).toBe(-320)
  })

  it('rejects more than two decimals and garbage', () => {
    for (const bad of ['1.005', 'abc', '', '1,2,3', '12e3', '€12']) {
      expect(() => parseAmount(bad)).toThrow(/Montant invalide/)
    }
  })

  it('formats as French euros', () => {
    expect(formatEuros(150000)).toBe('1\u202f500,00\u00a0€')
    expect(formatEuros(5)).toBe('0,05\u00a0€')
    expect(formatEuros(-123456789)).toBe('-1\u202f234\u202f567,89\u00a0€')
  })

  it('round-trips cents through the Decimal string form', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
        expect(parseAmount(centsToDecimalString(cents))).toBe(cents)
        expect(toCents(centsToDecimalString(cents))).toBe(cents)
      }),
    )
  })

  it('reads a Decimal-like value through its fixed representation, never a float', () => {
    expect(toCents({ toFixed: () => '0.30' })).toBe(30)
    expect(toCents(12)).toBe(1200)
    expect(() => toCents(0.1 + 0.2)).toThrow()
  })
})
