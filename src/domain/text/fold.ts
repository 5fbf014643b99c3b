/**
 * One text folding for the whole product: payer and client names, transfer references, and the
 * strings services compare in SQL. "Cœur d’Alène – SARL" and "COEUR D'ALENE - SARL" fold alike.
 *
 * foldText: NFKC (full-width forms, ligatures such as "ﬁ", "º" → "o"), letters that do not
 * decompose (œ æ ß ø ł đ þ …) spelled out, curly quotes and dashes made ASCII, accents removed,
 * lower case, runs of white space collapsed. Punctuation is otherwise kept.
 */

const SPELLED: Record<string, string> = {
  œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss', ẞ: 'ss', ø: 'o', Ø: 'o', ł: 'l', Ł: 'l',
  đ: 'd', Đ: 'd', ð: 'd', Ð: 'd', þ: 'th', Þ: 'th', ı: 'i', ĸ: 'k', ŋ: 'n', Ŋ: 'n', ħ: 'h', Ħ: 'h',
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'", '\u00b4': "'", '`': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u00a0': ' ', '\u202f': ' ', '\u2007': ' ', '\u2009': ' ',
}
const SPELLED_PATTERN = new RegExp(`[${Object.keys(SPELLED).join('')}]`, 'g')
const COMBINING_MARKS = /\p{M}+/gu
/** Printable ASCII except the backtick (read as a quote): nothing to fold but the case. */
const ASCII_ONLY = /^[\x20-\x5f\x61-\x7e]*$/

/**
 * The matcher folds the same few texts of a payment several times (the reference and label for
 * invoice numbers and creditor references, the payer name and label for who paid): the last results
 * are kept, so each text is folded once. Bounded; cleared when full.
 */
const recentlyFolded = new Map<string, string>()
const MAX_RECENT = 64

/** Lower case, accents removed, ligatures and special letters spelled out, quotes and dashes ASCII. */
export function foldText(text: string): string {
  let folded = recentlyFolded.get(text)
  if (folded === undefined) {
    folded = foldUncached(text)
    if (recentlyFolded.size >= MAX_RECENT) recentlyFolded.clear()
    recentlyFolded.set(text, folded)
  }
  return folded
}

function foldUncached(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase().replace(/\s+/g, ' ').trim()
  return text
    .normalize('NFKC')
    .replace(SPELLED_PATTERN, (char) => SPELLED[char]!)
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** foldText, then "&" read as "et" and everything but letters and digits turned into single spaces. */
export function foldWords(text: string): string {
  return foldText(text)
    .replace(/&/g, ' et ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

const LEGAL_FORMS = new Set([
  'sa', 'sas', 'sasu', 'sarl', 'eurl', 'sci', 'snc', 'scp', 'scop', 'scic', 'selarl', 'selas', 'gie', 'ei', 'eirl',
  'ltd', 'limited', 'gmbh', 'inc', 'llc', 'bv', 'srl', 'spa', 'plc', 'societe', 'ste', 'ets', 'etablissements',
])
/** Civil titles ("M.", "Mme", "Mr", "Mrs", "Dr"…), including "M OU MME" and "MR ET MME". */
const TITLES = new Set(['m', 'mr', 'mrs', 'ms', 'mme', 'mmes', 'mlle', 'mlles', 'mm', 'monsieur', 'madame', 'mademoiselle', 'messieurs', 'dr', 'docteur', 'me', 'maitre', 'ou'])

/** The words of a company or person name that identify it: no civil title, no legal form. */
export function nameWords(name: string): string[] {
  return foldWords(name)
    .split(' ')
    .filter((word) => word.length > 0 && !LEGAL_FORMS.has(word) && !TITLES.has(word))
}

/**
 * A name folded for comparison, word order kept: "M. Jean-Luc CŒUR" → "jean luc coeur". Services
 * use it on both sides of an SQL comparison (store or compute the folded form, compare folded).
 */
export function foldName(name: string): string {
  return nameWords(name).join(' ')
}
