/**
 * Finds invoice numbers in free text however people type them: "FACT-2026-001", "FACT 2026 001",
 * "fact2026001", "Facture n° 2026-001", "FACT-2026-120 + 121", "INV-7".
 *
 * An invoice number is reduced to a key: its digits ("2026001"), or, when it has fewer than 3
 * digits, its letters and digits ("inv7"). A text yields candidate keys built from WHOLE tokens
 * only, so "INV-1" never matches inside "INV-10" and "2026-01" never inside "2026-010".
 */
import { normalizeText } from './text.js'

const MAX_JOINED_TOKENS = 4
const MIN_DIGIT_KEY_LENGTH = 3

export function invoiceKey(invoiceNumber: string): string | null {
  const digits = invoiceNumber.replace(/\D/g, '')
  if (digits.length >= MIN_DIGIT_KEY_LENGTH) return digits
  if (digits.length === 0) return null
  const letters = normalizeText(invoiceNumber).replace(/[^a-z]/g, '')
  return letters.length > 0 ? `${letters}${digits}` : null
}

/** Last digit group without leading zeros ("FACT-2026-007" → "7"); only trusted within one client. */
export function invoiceShortKey(invoiceNumber: string): string | null {
  const groups = invoiceNumber.match(/\d+/g)
  if (!groups || groups.length < 2) return null
  const last = stripZeros(groups[groups.length - 1]!)
  return last.length >= 2 ? last : null
}

export interface ReferenceKeys {
  /** Candidate full keys. */
  full: Set<string>
  /** Single numeric tokens without leading zeros, for short references within a known client. */
  short: Set<string>
}

interface NumericRun {
  /** Alphabetic word right before the digits ("inv" in "INV-7", "fact" in "fact2026001"). */
  prefix: string | null
  tokens: string[]
}

export function extractReferenceKeys(...texts: Array<string | null | undefined>): ReferenceKeys {
  const full = new Set<string>()
  const short = new Set<string>()
  for (const text of texts) {
    if (!text) continue
    for (const { prefix, tokens } of numericRuns(text)) {
      for (let start = 0; start < tokens.length; start += 1) {
        let key = ''
        for (let end = start; end < Math.min(tokens.length, start + MAX_JOINED_TOKENS); end += 1) {
          key += tokens[end]
          if (key.length >= MIN_DIGIT_KEY_LENGTH) full.add(key)
        }
      }
      if (prefix) full.add(`${prefix}${tokens[0]}`)
      // "2026-120 + 121": after [2026, 120], a token of the same width continues the series: 2026121.
      for (let i = 2; i < tokens.length; i += 1) {
        if (tokens[i]!.length === tokens[i - 1]!.length) full.add(tokens.slice(0, i - 1).join('') + tokens[i])
      }
      tokens.forEach((token) => short.add(stripZeros(token)))
    }
  }
  return { full, short }
}

function numericRuns(text: string): NumericRun[] {
  const runs: NumericRun[] = []
  let current: NumericRun | null = null
  let previousWord: string | null = null
  for (const token of normalizeText(text).split(' ')) {
    const match = /^([a-z]*)(\d+)$/.exec(token)
    if (!match) {
      if (current) runs.push(current)
      current = null
      previousWord = /^[a-z]+$/.test(token) ? token : null
      continue
    }
    const [, letters = '', digits = ''] = match
    if (current && letters === '') {
      current.tokens.push(digits)
    } else {
      if (current) runs.push(current)
      current = { prefix: letters || previousWord, tokens: [digits] }
    }
    previousWord = null
  }
  if (current) runs.push(current)
  return runs
}

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '')
}
