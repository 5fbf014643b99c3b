/**
 * ISO 11649 structured creditor references ("RF" + 2 check digits + up to 21 letters and digits,
 * checked modulo 97), derived from an invoice's number so that a payer who copies it names the
 * invoice exactly: "FACT-2026-001" → "RF26FACT2026001", printed "RF26 FACT 2026 001".
 *
 * The body is the number's letters and digits, folded (accents removed) and upper-cased. A number
 * with more than 21 of them, or none, has no creditor reference. Recognition in transfer text ignores
 * spaces, hyphens and case, and verifies the check digits: a wrong key names nothing for sure.
 */
import { foldText } from '../text/fold.js'

export const RF_MAX_BODY_LENGTH = 21

/** The reference's body for an invoice number ("FACT2026001"), or null when it has none. */
export function creditorReferenceBody(invoiceNumber: string): string | null {
  const body = foldText(invoiceNumber).replace(/[^a-z0-9]/g, '').toUpperCase()
  return body.length > 0 && body.length <= RF_MAX_BODY_LENGTH ? body : null
}

/** The ISO 11649 creditor reference of an invoice number, compact ("RF26FACT2026001"), or null. */
export function creditorReference(invoiceNumber: string): string | null {
  const body = creditorReferenceBody(invoiceNumber)
  if (!body) return null
  const check = 98 - mod97(`${body}RF00`)
  return `RF${String(check).padStart(2, '0')}${body}`
}

/** The printed form: groups of four characters ("RF26 FACT 2026 001"). */
export function formatCreditorReference(reference: string): string {
  return compact(reference).replace(/(.{4})(?=.)/g, '$1 ')
}

/** Whether a text is exactly one valid creditor reference (spaces and case ignored). */
export function isValidCreditorReference(text: string): boolean {
  const value = compact(text)
  const match = /^RF(\d{2})([A-Z0-9]{1,21})$/.exec(value)
  return match !== null && checks(match[1]!, match[2]!)
}

/** A creditor reference typed in a text: the bodies its check digits validate, and the others it could be. */
export interface FoundCreditorReference {
  /** As typed, spaces collapsed ("RF26 FACT 2026 001"). */
  shown: string
  /** Bodies (upper case) whose check digits are right: the payer copied the reference exactly. */
  valid: string[]
  /** Bodies the same characters could be read as, with wrong check digits. */
  invalid: string[]
}

const RF_START = /(?<![a-z0-9])rf(?=[\s-]*\d[\s-]*\d)/g
const IGNORED = new Set([' ', '-'])

/**
 * Every "RF…" in the text. Spaces and hyphens are ignored inside it, so the body may end at any of
 * them ("RF26 FACT 2026 001 merci" is read as RF26FACT, RF26FACT2026, RF26FACT2026001,
 * RF26FACT2026001MERCI); only the readings whose check digits are right count as valid.
 */
export function findCreditorReferences(text: string | null | undefined): FoundCreditorReference[] {
  if (!text || !/rf/i.test(text)) return []
  const folded = foldText(text)
  const found: FoundCreditorReference[] = []
  for (const start of folded.matchAll(RF_START)) {
    let chars = ''
    const ends: number[] = []
    let i = start.index + 2
    for (; i < folded.length && chars.length < RF_MAX_BODY_LENGTH + 2; i += 1) {
      const c = folded[i]!
      if (IGNORED.has(c)) {
        if (chars.length > 2 && ends.at(-1) !== chars.length) ends.push(chars.length)
        continue
      }
      if (!/[a-z0-9]/.test(c)) break
      chars += c
    }
    // The last character collected ends a reading when nothing alphanumeric is glued to it.
    if (chars.length > 2 && (i >= folded.length || !/[a-z0-9]/.test(folded[i]!)) && ends.at(-1) !== chars.length) ends.push(chars.length)
    const upper = chars.toUpperCase()
    const check = upper.slice(0, 2)
    if (!/^\d\d$/.test(check)) continue
    const readings = ends.map((end) => upper.slice(2, end))
    const valid = readings.filter((body) => checks(check, body))
    const last = ends.at(-1) ?? chars.length
    found.push({
      shown: folded.slice(start.index, start.index + shownLength(folded, start.index, last)).toUpperCase(),
      valid,
      invalid: readings.filter((body) => !valid.includes(body)),
    })
  }
  return found
}

/** Length of the typed text (separators included) that holds `count` reference characters after "rf". */
function shownLength(folded: string, from: number, count: number): number {
  let seen = 0
  let i = from + 2
  while (i < folded.length && seen < count) {
    if (!IGNORED.has(folded[i]!)) seen += 1
    i += 1
  }
  return i - from
}

function checks(check: string, body: string): boolean {
  return body.length > 0 && body.length <= RF_MAX_BODY_LENGTH && mod97(`${body}RF${check}`) === 1
}

function compact(text: string): string {
  return text.replace(/[\s-]+/g, '').toUpperCase()
}

/** The value modulo 97 of a string read with A = 10 … Z = 35 (ISO 7064 MOD 97-10), digit by digit. */
function mod97(value: string): number {
  let rest = 0
  for (const char of value) {
    const code = char.charCodeAt(0)
    const n = code >= 65 ? code - 55 : code - 48
    rest = n >= 10 ? (rest * 100 + n) % 97 : (rest * 10 + n) % 97
  }
  return rest
}
