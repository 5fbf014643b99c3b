/**
 * An offline check of the DGFiP's format rules for a FEC (article A47 A-1 LPF, BOI-CF-IOR-60-40-20),
 * the ones that need no chart of accounts: one encoding (UTF-8), the 18 columns in order and on every
 * line, one separator, dates AAAAMMJJ, amounts with a decimal comma, every entry balanced and on one
 * date, auxiliary and currency columns in pairs, complete letter groups balanced, and — for the file
 * of a whole fiscal year — numbers continuous within each journal. Returns the problems in French.
 */
import { FEC_COLUMNS } from './fec.js'

export interface FecValidationOptions {
  /** The file holds a whole fiscal year: within each journal, the numbers run 1, 2, 3… with no gap. */
  wholeFiscalYear?: boolean
  /** Stop after this many problems (default 50). */
  maxProblems?: number
}

const DATE = /^(\d{4})(\d{2})(\d{2})$/
const AMOUNT = /^-?\d+(,\d{1,2})?$/

function isDate(text: string): boolean {
  const m = DATE.exec(text)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])
}

const cents = (text: string) => {
  const [units, decimals = ''] = text.replace('-', '').split(',')
  const value = Number(units) * 100 + Number(decimals.padEnd(2, '0'))
  return text.startsWith('-') ? -value : value
}

export function validateFec(file: Uint8Array | string, options: FecValidationOptions = {}): string[] {
  const max = options.maxProblems ?? 50
  const problems: string[] = []
  const report = (problem: string) => {
    if (problems.length < max) problems.push(problem)
  }
  let text: string
  if (typeof file === 'string') text = file
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file)
    } catch {
      return ['Encodage : le fichier n’est pas en UTF-8 valide.']
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const newline = text.includes('\r\n') ? '\r\n' : '\n'
  if (newline === '\r\n' && /[^\r]\n/.test(text)) report('Fins de ligne mélangées (CRLF et LF).')
  const lines = text.split(newline)
  if (lines[lines.length - 1] === '') lines.pop()
  const header = lines[0] ?? ''
  const separator = header.includes('\t') ? '\t' : '|'
  if (header.split(separator).join('|') !== FEC_COLUMNS.join('|')) {
    report(`En-tête : les 18 colonnes attendues dans l’ordre (${FEC_COLUMNS.join(', ')}).`)
    return problems
  }
  interface Entry { debit: number; credit: number; date: string; line: number }
  const entries = new Map<string, Entry>()
  const letters = new Map<string, number>()
  const numbers = new Map<string, Map<string, Set<number>>>()
  for (let i = 1; i < lines.length; i += 1) {
    const at = `Ligne ${i + 1}`
    const f = lines[i]!.split(separator)
    if (f.length !== 18) {
      report(`${at} : ${f.length} champs au lieu de 18.`)
      continue
    }
    const [journal, , num, date, account, accountLabel, aux, auxLabel, , pieceDate, label, debit, credit, letter, letterDate, validDate, inCurrency, currency] = f as [string, ...string[]] & string[]
    if (!journal) report(`${at} : JournalCode vide.`)
    if (!num) report(`${at} : EcritureNum vide.`)
    for (const [name, value] of [['EcritureDate', date], ['PieceDate', pieceDate], ['ValidDate', validDate]] as const) {
      if (!isDate(value!)) report(`${at} : ${name} « ${value} » n’est pas une date AAAAMMJJ.`)
    }
    if (!/^\d{3}/.test(account!)) report(`${at} : CompteNum « ${account} » ne commence pas par trois chiffres du plan comptable.`)
    if (!accountLabel) report(`${at} : CompteLib vide.`)
    if (Boolean(aux) !== Boolean(auxLabel)) report(`${at} : CompAuxNum et CompAuxLib vont ensemble.`)
    if (!label) report(`${at} : EcritureLib vide.`)
    for (const [name, value] of [['Debit', debit], ['Credit', credit]] as const) {
      if (!AMOUNT.test(value!)) report(`${at} : ${name} « ${value} » n’est pas un montant à virgule décimale.`)
    }
    if (AMOUNT.test(debit!) && AMOUNT.test(credit!) && cents(debit!) !== 0 && cents(credit!) !== 0) report(`${at} : une ligne porte un débit ou un crédit, pas les deux.`)
    if (letter && !isDate(letterDate!)) report(`${at} : EcritureLet sans DateLet valide.`)
    if (!letter && letterDate) report(`${at} : DateLet sans EcritureLet.`)
    if (Boolean(inCurrency) !== Boolean(currency)) report(`${at} : Montantdevise et Idevise vont ensemble.`)
    if (inCurrency && !AMOUNT.test(inCurrency)) report(`${at} : Montantdevise « ${inCurrency} » n’est pas un montant à virgule décimale.`)
    if (currency && !/^[A-Z]{3}$/.test(currency)) report(`${at} : Idevise « ${currency} » n’est pas un code ISO 4217.`)
    const key = `${journal}\u0000${num}`
    const entry = entries.get(key) ?? { debit: 0, credit: 0, date: date!, line: i + 1 }
    if (entry.date !== date) report(`${at} : l’écriture ${num} a plusieurs dates (${entry.date}, ${date}).`)
    entry.debit += AMOUNT.test(debit!) ? cents(debit!) : 0
    entry.credit += AMOUNT.test(credit!) ? cents(credit!) : 0
    entries.set(key, entry)
    // Upper-case letters mark a complete letter group (lower case is partial lettering by convention).
    if (letter && letter === letter.toUpperCase()) {
      const group = `${account}\u0000${aux}\u0000${letter}`
      letters.set(group, (letters.get(group) ?? 0) + (AMOUNT.test(debit!) ? cents(debit!) : 0) - (AMOUNT.test(credit!) ? cents(credit!) : 0))
    }
    const m = /^(.*?)(\d+)$/.exec(num!)
    if (m) {
      const byPrefix = numbers.get(journal!) ?? new Map<string, Set<number>>()
      byPrefix.set(m[1]!, (byPrefix.get(m[1]!) ?? new Set()).add(Number(m[2])))
      numbers.set(journal!, byPrefix)
    }
  }
  for (const [key, entry] of entries) {
    if (entry.debit !== entry.credit) {
      report(`Écriture ${key.split('\u0000')[1]} (ligne ${entry.line}) déséquilibrée : débit ${entry.debit / 100} ≠ crédit ${entry.credit / 100}.`)
    }
  }
  for (const [group, balance] of letters) {
    const [account, aux, letter] = group.split('\u0000')
    if (balance !== 0) report(`Lettrage ${letter} du compte ${account}${aux ? ` / ${aux}` : ''} déséquilibré (solde ${balance / 100}).`)
  }
  if (options.wholeFiscalYear) {
    for (const [journal, byPrefix] of numbers) {
      if (byPrefix.size > 1) report(`Journal ${journal} : plusieurs séquences de numéros (${[...byPrefix.keys()].join(', ')}) dans un même exercice.`)
      for (const [prefix, set] of byPrefix) {
        for (let n = 1; n <= set.size; n += 1) {
          if (!set.has(n)) {
            report(`Journal ${journal} : numérotation discontinue, ${prefix}${n} manque (${set.size} écritures).`)
            break
          }
        }
      }
    }
  }
  return problems
}
