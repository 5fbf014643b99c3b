/**
 * Money as integer cents. Parsing and formatting go through strings so no amount ever passes
 * through float arithmetic.
 */
import type { Language } from './language.js'

export type Cents = number

export class MoneyError extends Error {}

const DECIMAL_PATTERN = /^(-)?(\d+)(?:[.,](\d{1,2}))?$/

/** "1500", "1500.5", "1500,50", "-3.2" → cents. Rejects more than 2 decimals and anything else. */
export function parseAmount(text: string): Cents {
  const match = DECIMAL_PATTERN.exec(text.trim().replace(/[\s\u00a0\u202f]/g, ''))
  if (!match) throw new MoneyError(`Montant invalide : « ${text} »`)
  const [, sign, units = '0', fraction = ''] = match
  const cents = Number(units) * 100 + Number(fraction.padEnd(2, '0'))
  if (!Number.isSafeInteger(cents)) throw new MoneyError(`Montant hors limites : « ${text} »`)
  return sign ? -cents : cents
}

/** A Prisma Decimal, a decimal string or an integer-valued number of euros → cents. */
export function toCents(value: { toFixed(digits: number): string } | string | number): Cents {
  if (typeof value === 'string') return parseAmount(value)
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new MoneyError(`Montant flottant refusé : ${value}`)
    return value * 100
  }
  return parseAmount(value.toFixed(2))
}

/** Cents → "1500.00", the form Decimal columns take. */
export function centsToDecimalString(cents: Cents): string {
  assertCents(cents)
  const abs = Math.abs(cents)
  const units = Math.trunc(abs / 100)
  const fraction = String(abs % 100).padStart(2, '0')
  return `${cents < 0 ? '-' : ''}${units}.${fraction}`
}

/** The whole euros of |cents| in groups of three digits joined by `separator`, and its two-digit cents. */
function grouped(cents: Cents, separator: string): { units: string; fraction: string } {
  assertCents(cents)
  const abs = Math.abs(cents)
  const digits = String(Math.trunc(abs / 100))
  let units = digits.slice(0, ((digits.length - 1) % 3) + 1)
  for (let i = units.length; i < digits.length; i += 3) units += `${separator}${digits.slice(i, i + 3)}`
  return { units, fraction: abs % 100 < 10 ? `0${abs % 100}` : String(abs % 100) }
}

/** Cents → "1 500,00 €" (French grouping with a narrow no-break space as Intl does). */
export function formatEuros(cents: Cents, currency = 'EUR'): string {
  const { units, fraction } = grouped(cents, '\u202f')
  const symbol = currency === 'EUR' ? '€' : currency
  return `${cents < 0 ? '-' : ''}${units},${fraction}\u00a0${symbol}`
}

/** Cents → "€1,500.00" (English grouping and decimal point; other currencies: "USD 1,500.00"). */
export function formatEurosEnglish(cents: Cents, currency = 'EUR'): string {
  const { units, fraction } = grouped(cents, ',')
  const symbol = currency === 'EUR' ? '€' : `${currency}\u00a0`
  return `${cents < 0 ? '-' : ''}${symbol}${units}.${fraction}`
}

export function assertCents(value: number): asserts value is Cents {
  if (!Number.isSafeInteger(value)) throw new MoneyError(`Montant en centimes invalide : ${value}`)
}

/** Cents in one of the shipped languages: French "1 234,56 €" (formatEuros), English "€1,234.56" (formatEurosEnglish). */
export function formatEurosIn(language: Language, cents: Cents, currency = 'EUR'): string {
  return language === 'en' ? formatEurosEnglish(cents, currency) : formatEuros(cents, currency)
}
