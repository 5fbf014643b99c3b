/**
 * Numbers in free transfer text, and what carries each one: "FACT-2026-001", "fact2026001",
 * "Facture n° 2026-001", "FACT-2026-120 + 121" name invoices; "DEVIS 2026-001", "AV-2026-001",
 * "BC 2026001", "SIRET 123 456 789 00012", an IBAN, "12/03/2026" or "06 12 34 56 78" do not.
 *
 * A mention is a run of adjacent digit groups ("2026 001", "2026-001", "2026/001") with its
 * carrier: the word in front of it (an invoice prefix, another document type, an identifier), or
 * its shape (IBAN with a valid checksum, date, phone number, SIREN/SIRET with a valid Luhn key).
 * Whether a mention names a given invoice fully is decided in reference-evidence.ts.
 */
import { isValidIBAN } from 'ibantools'
import { foldText } from '../text/fold.js'

/** What carries a number in the text. */
export type Carrier =
  | { kind: 'invoice'; word: string }
  | { kind: 'bare' }
  | { kind: 'other'; what: OtherDocument }

export type OtherDocument = 'devis' | 'avoir' | 'commande' | 'contrat' | 'client' | 'livraison' | 'siret' | 'iban' | 'date' | 'telephone' | 'tva'

export interface Mention {
  /** Digit groups as typed ("2026", "001"). */
  groups: string[]
  /** The groups joined ("2026001"). */
  digits: string
  carrier: Carrier
  /** Letters of the word in front of the number, folded ("fact", "inv"), or "" when none. */
  prefix: string
  /** The mention starts the run its carrier applies to (not a tail such as "001" of "2026 001"). */
  leading: boolean
  /** Digits were read from letters that look like digits (O → 0, l/I → 1): never certain. */
  ocr: boolean
}

/** Default invoice prefixes of a French back-office (folded). Hosts add their own via options. */
export const DEFAULT_INVOICE_PREFIXES: readonly string[] = ['facture', 'factures', 'fact', 'fac', 'fa', 'f', 'fct', 'inv', 'invoice', 'invoices']

/** Words that announce a number without saying of what ("n°", "ref"): the word before them decides. */
const NEUTRAL = new Set(['n', 'no', 'nr', 'num', 'numero', 'numeros', 'ref', 'refs', 'reference', 'references', 'de', 'du', 'des', 'la', 'le', 'votre', 'notre', 'sur', 'pour'])

const OTHER_WORDS: Record<string, OtherDocument> = {
  devis: 'devis', dev: 'devis', quote: 'devis', quotation: 'devis', proforma: 'devis', offre: 'devis', estimate: 'devis',
  av: 'avoir', avoir: 'avoir', avoirs: 'avoir', cn: 'avoir', creditnote: 'avoir',
  bc: 'commande', bdc: 'commande', commande: 'commande', cde: 'commande', cmd: 'commande', po: 'commande', order: 'commande', purchase: 'commande', ordernr: 'commande',
  contrat: 'contrat', contract: 'contrat', abonnement: 'contrat',
  client: 'client', cli: 'client', customer: 'client', dossier: 'client', adherent: 'client', compte: 'client', account: 'client',
  bl: 'livraison', livraison: 'livraison',
  siret: 'siret', siren: 'siret', rcs: 'siret', naf: 'siret', ape: 'siret',
  iban: 'iban', rib: 'iban', bic: 'iban',
  tel: 'telephone', telephone: 'telephone', phone: 'telephone', mobile: 'telephone', portable: 'telephone', fax: 'telephone',
  tva: 'tva', vat: 'tva',
}

/** A shape found in the text is replaced by a marker word (never typed by people) and its digits. */
const MARKER_PREFIX = 'zzq'
const MARKER_END = `${MARKER_PREFIX}end`

const MAX_JOINED_GROUPS = 4
const MAX_TEXT_LENGTH = 4_000

export function extractMentions(text: string | null | undefined, invoicePrefixes: ReadonlySet<string>): Mention[] {
  if (!text) return []
  const folded = foldText(text.length > MAX_TEXT_LENGTH ? text.slice(0, MAX_TEXT_LENGTH) : text)
  if (!/\d/.test(folded)) return []
  const mentions = mentionsOf(markShapes(folded), invoicePrefixes, false)
  const repaired = repairOcr(folded)
  if (repaired !== folded) {
    const seen = new Set(mentions.map((m) => `${m.prefix}|${m.digits}`))
    for (const mention of mentionsOf(markShapes(repaired), invoicePrefixes, true)) {
      if (!seen.has(`${mention.prefix}|${mention.digits}`)) mentions.push(mention)
    }
  }
  return mentions
}

/** Letters that OCR and hurried typing put for digits, when they sit inside a number: "2O26-0O1", "2026-00l". */
function repairOcr(text: string): string {
  // Every repair has a digit right before or after the letter: most texts have none.
  if (!OCR_NEIGHBOUR.test(text)) return text
  return text.replace(/(?<=\d)[oil]+(?=\d)|(?<=\d\d)[oil](?![a-z])|(?<![a-z])[oil](?=\d\d)/g, (letters) =>
    letters.replace(/o/g, '0').replace(/[il]/g, '1'),
  )
}

const OCR_NEIGHBOUR = /\d[oil]|[oil]\d/

const IBAN_LIKE = /\b[a-z]{2}\d{2}(?: ?[a-z0-9]{2,4}){3,8}/g
const DAY_FIRST_DATE = /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-])/g
const YEAR_FIRST_DATE = /(?<![\d/.-])(\d{4})([/.-])(\d{2})\2(\d{2})(?![\d/.-])/g
const PHONE = /(?<![\d+])(?:\+33 ?|0033 ?|0)[1-9](?:[ .-]?\d{2}){4}(?![\d])/g
const SIREN_SIRET = /(?<![\d])\d{3} ?\d{3} ?\d{3}(?: ?\d{5})?(?![\d])/g

/** Replaces IBANs, dates, phone numbers and SIREN/SIRET by a marker word and their digits. */
function markShapes(text: string): string {
  const mark = (what: OtherDocument, digits: string) => ` ${MARKER_PREFIX}${what} ${digits} ${MARKER_END} `
  let out = text.replace(IBAN_LIKE, (candidate) => {
    const compact = candidate.replace(/ /g, '').toUpperCase()
    for (let length = Math.min(34, compact.length); length >= 15; length -= 1) {
      if (isValidIBAN(compact.slice(0, length))) {
        // keep what follows the IBAN (rare: a number glued to it)
        let consumed = 0
        let end = 0
        while (consumed < length) if (candidate[end++] !== ' ') consumed += 1
        return mark('iban', compact.slice(4, length).replace(/\D/g, '')) + candidate.slice(end)
      }
    }
    return candidate
  })
  out = out.replace(DAY_FIRST_DATE, (whole, d: string, _s, m: string, y: string) => (validDate(+d, +m) ? mark('date', `${d}${m}${y}`) : whole))
  out = out.replace(YEAR_FIRST_DATE, (whole, y: string, _s, m: string, d: string) => (validDate(+d, +m) && /^(19|20)/.test(y) ? mark('date', `${y}${m}${d}`) : whole))
  out = out.replace(PHONE, (whole) => mark('telephone', whole.replace(/\D/g, '')))
  out = out.replace(SIREN_SIRET, (whole) => {
    const digits = whole.replace(/ /g, '')
    // Only the spaced form ("123 456 789 00012") or a Luhn-valid 14-digit SIRET is taken for one.
    return (whole.includes(' ') || digits.length === 14) && luhn(digits) ? mark('siret', digits) : whole
  })
  return out
}

function validDate(day: number, month: number): boolean {
  return day >= 1 && day <= 31 && month >= 1 && month <= 12
}

function luhn(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2
    sum += d
  }
  return sum % 10 === 0
}

/** Characters that join digit groups of one number ("2026-001", "2026/001", "2026.001", "2026 001"). */
const JOINERS = new Set([' ', '-', '/', '.', '_', '°', ':', '#'])
/** Separators of a list of numbers ("120 + 121", "120, 121", "120 et 121"). */
const LIST = new Set(['+', ',', ';', '&', 'et', 'and', 'ou'])

/**
 * The pieces of a folded text: words (a–z), digit groups, runs of white space, and any other single
 * character. A joiner is white space or a joining character; a list word or character separates
 * numbers of a list; anything else stops a list.
 */
const enum Piece {
  Word,
  Digits,
  Joiner,
  List,
  Stop,
}

const WHITE_SPACE = /\s/

function isLetter(code: number): boolean {
  return code >= 97 && code <= 122
}
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || (code > 127 && WHITE_SPACE.test(String.fromCharCode(code)))
}

/**
 * Reads the text piece by piece in one pass (no token list: a long remittance has hundreds of
 * pieces and only its numbers matter): the words since the last number are remembered by position,
 * and a number's carrier is read from the last few of them.
 */
class Pieces {
  kind: Piece = Piece.Stop
  start = 0
  end = 0
  constructor(readonly text: string) {}

  /** Moves to the piece at `from` and says what it is; null at the end of the text. */
  read(from: number): Piece | null {
    const text = this.text
    if (from >= text.length) return null
    const code = text.charCodeAt(from)
    let end = from + 1
    if (isLetter(code)) {
      while (end < text.length && isLetter(text.charCodeAt(end))) end += 1
      this.kind = LIST.has(text.slice(from, end)) ? Piece.List : Piece.Word
    } else if (isDigit(code)) {
      while (end < text.length && isDigit(text.charCodeAt(end))) end += 1
      this.kind = Piece.Digits
    } else if (isSpace(code)) {
      while (end < text.length && isSpace(text.charCodeAt(end))) end += 1
      this.kind = Piece.Joiner
    } else {
      const char = text[from]!
      this.kind = JOINERS.has(char) ? Piece.Joiner : LIST.has(char) ? Piece.List : Piece.Stop
    }
    this.start = from
    this.end = end
    return this.kind
  }
}

interface Run {
  groups: string[]
  carrier: Carrier
  prefix: string
}

/** How many words before a number carrierOf looks at. */
const CARRIER_WORDS = 3

function mentionsOf(text: string, invoicePrefixes: ReadonlySet<string>, ocr: boolean): Mention[] {
  const piece = new Pieces(text)
  const next = new Pieces(text)
  const runs: Run[] = []
  // The last CARRIER_WORDS words since the last run, by position (most recent last), and how many there were.
  const wordStarts: number[] = []
  const wordEnds: number[] = []
  let wordCount = 0
  let afterList = false
  let previous: Run | null = null
  let at = 0
  while (piece.read(at) !== null) {
    at = piece.end
    if (piece.kind === Piece.Word) {
      if (wordStarts.length === CARRIER_WORDS) {
        wordStarts.shift()
        wordEnds.shift()
      }
      wordStarts.push(piece.start)
      wordEnds.push(piece.end)
      wordCount += 1
      afterList = false
      continue
    }
    if (piece.kind === Piece.List) {
      afterList = wordCount === 0 && previous !== null
      continue
    }
    if (piece.kind !== Piece.Digits) {
      if (piece.kind === Piece.Stop) afterList = false
      continue
    }
    const groups = [text.slice(piece.start, piece.end)]
    // Further groups joined by exactly one joiner ("2026-001", "2026 001").
    while (next.read(at) === Piece.Joiner && next.read(next.end) === Piece.Digits) {
      groups.push(text.slice(next.start, next.end))
      at = next.end
    }
    const words: string[] = []
    for (let k = 0; k < wordStarts.length; k += 1) words.push(text.slice(wordStarts[k]!, wordEnds[k]!))
    const wordBefore = words.length > 0 ? words[words.length - 1]! : ''
    const carrier = afterList && previous ? previous.carrier : carrierOf(words, invoicePrefixes)
    const run: Run = { groups, carrier, prefix: afterList && previous ? previous.prefix : stripMarker(wordBefore) }
    // "FACT-2026-120 + 121": a lone group as wide as the last one continues the series.
    if (afterList && previous && groups.length === 1 && previous.groups.length >= 2 && groups[0]!.length === previous.groups.at(-1)!.length) {
      run.groups = [...previous.groups.slice(0, -1), groups[0]!]
    }
    runs.push(run)
    previous = run
    wordStarts.length = 0
    wordEnds.length = 0
    wordCount = 0
    afterList = false
  }
  const mentions: Mention[] = []
  for (const run of runs) {
    for (let start = 0; start < run.groups.length; start += 1) {
      let digits = ''
      for (let end = start; end < Math.min(run.groups.length, start + MAX_JOINED_GROUPS); end += 1) {
        digits += run.groups[end]
        mentions.push({ groups: run.groups.slice(start, end + 1), digits, carrier: run.carrier, prefix: run.prefix, leading: start === 0, ocr })
      }
    }
  }
  return mentions
}

/** The closest word that says what the number is; neutral words ("n°", "ref", "du") are looked through. */
function carrierOf(wordsBefore: string[], invoicePrefixes: ReadonlySet<string>): Carrier {
  for (let k = wordsBefore.length - 1, seen = 0; k >= 0 && seen < 3; k -= 1, seen += 1) {
    const word = wordsBefore[k]!
    if (word === MARKER_END) return { kind: 'bare' }
    if (word.startsWith(MARKER_PREFIX)) return { kind: 'other', what: word.slice(MARKER_PREFIX.length) as OtherDocument }
    if (invoicePrefixes.has(word)) return { kind: 'invoice', word }
    const other = OTHER_WORDS[word]
    if (other) return { kind: 'other', what: other }
    if (NEUTRAL.has(word)) continue
    // "n°" alone announces an invoice number; any other unknown word ends the search.
    break
  }
  const last = wordsBefore.at(-1)
  if (last && ['n', 'no', 'num', 'numero'].includes(last)) return { kind: 'invoice', word: last }
  return { kind: 'bare' }
}

function stripMarker(word: string): string {
  return word.startsWith(MARKER_PREFIX) ? '' : word
}

/** The parts of an invoice number: "FACT-2026-001" → prefix "fact", groups ["2026", "001"]. */
export interface InvoiceNumberParts {
  prefix: string
  groups: string[]
  digits: string
}

export function parseInvoiceNumber(number: string): InvoiceNumberParts {
  const folded = foldText(number)
  const groups = folded.match(/\d+/g) ?? []
  const prefix = (/^[^a-z\d]*([a-z]+)/.exec(folded)?.[1] ?? '')
  return { prefix, groups, digits: groups.join('') }
}

const MIN_DIGIT_KEY_LENGTH = 3

/**
 * The lookup key of an invoice number: its digits ("2026001"), or with fewer than 3 digits its
 * letters and digits ("inv7"). Services compare it in SQL with the keys of extractReferenceKeys.
 */
export function invoiceKey(invoiceNumber: string): string | null {
  const { prefix, digits } = parseInvoiceNumber(invoiceNumber)
  if (digits.length >= MIN_DIGIT_KEY_LENGTH) return digits
  if (digits.length === 0) return null
  const letters = foldText(invoiceNumber).replace(/[^a-z]/g, '')
  return letters.length > 0 ? `${letters}${digits}` : prefix ? `${prefix}${digits}` : null
}

/** The key a mention looks invoices up by (same shape as invoiceKey). */
export function mentionKey(mention: Mention): string | null {
  if (mention.digits.length >= MIN_DIGIT_KEY_LENGTH) return mention.digits
  return mention.prefix ? `${mention.prefix}${mention.digits}` : null
}

/** Last digit group without leading zeros ("FACT-2026-007" → "7"); only trusted within one client. */
export function invoiceShortKey(invoiceNumber: string): string | null {
  const groups = invoiceNumber.match(/\d+/g)
  if (!groups || groups.length < 2) return null
  const last = stripZeros(groups[groups.length - 1]!)
  return last.length >= 2 ? last : null
}

export interface ReferenceKeys {
  /** Candidate lookup keys of every number in the texts (services use them to prefilter invoices in SQL). */
  full: Set<string>
  /** Single digit groups without leading zeros, for short references within a known client. */
  short: Set<string>
}

export function extractReferenceKeys(...texts: Array<string | null | undefined>): ReferenceKeys {
  const full = new Set<string>()
  const short = new Set<string>()
  const prefixes = new Set(DEFAULT_INVOICE_PREFIXES)
  for (const text of texts) {
    for (const mention of extractMentions(text, prefixes)) {
      const key = mentionKey(mention)
      if (key) full.add(key)
      if (mention.groups.length === 1 && mention.carrier.kind !== 'other') short.add(stripZeros(mention.digits))
    }
  }
  return { full, short }
}

/** Leading zeros removed, keeping a digit ("007" → "7", "000" → "0"): `/^0+(?=\d)/` without a regular expression. */
export function stripZeros(digits: string): string {
  let from = 0
  while (from + 1 < digits.length && digits.charCodeAt(from) === 48 && isDigit(digits.charCodeAt(from + 1))) from += 1
  return from === 0 ? digits : digits.slice(from)
}

export { MIN_DIGIT_KEY_LENGTH }
