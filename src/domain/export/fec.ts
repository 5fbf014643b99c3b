/**
 * Fichier des Écritures Comptables (article A47 A-1 du Livre des procédures fiscales): the 18
 * columns in order, tab-separated, dates AAAAMMJJ, decimal comma, CRLF, UTF-8.
 *
 * An entry's lines are built once, when the entry is numbered (src/reconcile/ledger.service.ts), and
 * stored: every later export writes the same lines under the same number. Nothing is lettered: the
 * file holds only the bank side, so a letter group on 411 could never balance in it; the invoice
 * number is in PieceRef and EcritureLib of each client line, where the accountant's software letters
 * from (docs/comptabilite.md).
 */
import type { Cents } from '../money.js'
import { businessDay, compactDay, DEFAULT_TIME_ZONE, type IsoDay } from '../dates.js'
import { foldWords } from '../text/fold.js'
import { categoryLabel } from '../explanation.js'
import type { Language } from '../language.js'
import { centsToDecimalString } from '../money.js'
import { reconcileTexts } from '../../i18n/reconcile-texts.js'
import { frenchDecimal, type IgnoredPayment, type ReconciledPayment } from './types.js'

/** A text the reader gets in their language. */
export type Said = (language: Language) => string

/**
 * A FEC that cannot be written as it is (a payment without its euro amount): nothing is written.
 * `in(language)` is its text for the reader (the panel's, the CLI's); `message` the French one.
 */
export class FecError extends Error {
  constructor(readonly said: Said) {
    super(said('fr'))
  }

  in(language: Language): string {
    return this.said(language)
  }
}

export const FEC_COLUMNS = [
  'JournalCode', 'JournalLib', 'EcritureNum', 'EcritureDate', 'CompteNum', 'CompteLib', 'CompAuxNum', 'CompAuxLib',
  'PieceRef', 'PieceDate', 'EcritureLib', 'Debit', 'Credit', 'EcritureLet', 'DateLet', 'ValidDate', 'Montantdevise', 'Idevise',
] as const

/** What the host may pass a function to name a client's auxiliary account (`fec.clientAuxAccount`). */
export interface ClientForAccount {
  id: string | null
  name: string | null
  /** The value of the mapped `clients.fields.accountingAccount`, when the host maps one. */
  account: string | null
}

export interface FecSettings {
  journalCode: string
  journalLabel: string
  bankAccount: string
  bankAccountLabel: string
  clientAccount: string
  /** Write-off account when an allocation names none ("Solder avec écart"; 627000, bank fees, by default). */
  writeOffAccount?: string
  /** Suspense account of credits explained without an invoice (the accountant reclassifies them); 471000 by default. */
  suspenseAccount?: string
  /** First month (1–12) of the fiscal year: entry numbers restart with each fiscal year. January by default. */
  fiscalYearStartMonth?: number
  /** The client's auxiliary account (CompAuxNum); null or absent falls back to the mapped field, then to the derived code. */
  clientAuxAccount?: (client: ClientForAccount) => string | null | undefined
  /** Time zone of the entry dates (the product's one day rule); Europe/Paris by default. */
  timeZone?: string
}

export const DEFAULT_FEC_SETTINGS: FecSettings = {
  journalCode: 'BQ',
  journalLabel: 'Banque Qonto',
  bankAccount: '512000',
  bankAccountLabel: 'Banque Qonto',
  clientAccount: '411000',
}

export const DEFAULT_WRITE_OFF_ACCOUNT = '627000'
export const DEFAULT_SUSPENSE_ACCOUNT = '471000'
/** CompteLib of a write-off line (the statement finds write-offs by it). */
export const WRITE_OFF_LABEL = 'Écart de règlement'

/** One line of an entry, as stored with it: amounts in euro cents, the foreign amount when there is one. */
export interface FecLine {
  account: string
  accountLabel: string
  aux: string
  auxLabel: string
  piece: string
  pieceDay: IsoDay
  label: string
  debit: Cents
  credit: Cents
  /** Montantdevise / Idevise: the same line in the payment's other currency. */
  foreign?: { cents: Cents; currency: string }
}

/** An entry as the file shows it: its journal, number, date and validation day, and its lines. */
export interface FecEntry {
  journalCode: string
  journalLabel: string
  number: string
  day: IsoDay
  validDay: IsoDay
  lines: FecLine[]
}

/** FEC fields may not contain the separator nor line breaks. */
export const clean = (text: string | null | undefined) => (text ?? '').replace(/[\t\r\n|]+/g, ' ').replace(/\s+/g, ' ').trim()

/** EcritureNum: journal, fiscal year and a 6-digit number continuous within them ("BQ2026-000042"). */
export function entryNumber(journal: string, fiscalYear: number, number: number): string {
  return `${journal}${fiscalYear}-${String(number).padStart(6, '0')}`
}

/** The fiscal year (the calendar year it starts in) of a day. */
export function fiscalYearOf(day: IsoDay, startMonth = 1): number {
  const year = Number(day.slice(0, 4))
  return Number(day.slice(5, 7)) >= startMonth ? year : year - 1
}

/**
 * Auxiliary account of a client: 411 + 6 letters of its name + 4 characters derived from its id
 * ("411GLOWCO7K2Q"): readable, stable, and two clients with similar names never share an account.
 * The fallback when the host names none (`fec.clientAuxAccount`, `clients.fields.accountingAccount`).
 */
export function clientAuxAccount(clientName: string | null, clientId: string | null): string {
  const letters = foldWords(clientName ?? '').replace(/[^a-z0-9]/g, '').toUpperCase().slice(0, 6) || 'DIVERS'
  return `411${letters}${shortHash(clientId ?? clientName ?? '')}`
}

/** The host's code first (its function, then its mapped field), the derived one otherwise. */
export function auxAccountOf(client: ClientForAccount, settings: Pick<FecSettings, 'clientAuxAccount'>): string {
  const chosen = settings.clientAuxAccount?.(client) ?? client.account
  const code = clean(chosen ?? '')
  return code || clientAuxAccount(client.name, client.id)
}

/** 4 base-36 characters of a 32-bit FNV-1a hash. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(36).toUpperCase().padStart(4, '0').slice(-4)
}

export function fecHeader(): string {
  return `${FEC_COLUMNS.join('\t')}\r\n`
}

/** The lines of an entry in the file; EcritureLet and DateLet stay empty (see the module's comment). */
export function fecEntryText(entry: FecEntry): string {
  const day = compactDay(entry.day)
  const valid = compactDay(entry.validDay)
  let text = ''
  for (const line of entry.lines) {
    text += `${[
      entry.journalCode, clean(entry.journalLabel), entry.number, day, line.account, clean(line.accountLabel), line.aux, clean(line.auxLabel),
      clean(line.piece), compactDay(line.pieceDay), clean(line.label), frenchDecimal(line.debit), frenchDecimal(line.credit), '', '', valid,
      line.foreign ? frenchDecimal(line.foreign.cents) : '', line.foreign?.currency ?? '',
    ].join('\t')}\r\n`
  }
  return text
}

/** A payment's amounts as the FEC needs them: in euros always, and in the other currency when there is one. */
interface Amounts {
  /** Euro cents of an amount of the payment's own currency (its share of the payment's euro amount). */
  euros(cents: Cents): Cents
  /** Montantdevise of that amount, or undefined for a plain euro payment. */
  foreign(cents: Cents): FecLine['foreign']
}

export interface PaymentMoney {
  qontoId: string
  amountCents: Cents
  currency: string
  /** The payment in euros when `currency` is not EUR. */
  amountEurCents?: Cents
  /** The payment in its original currency when it was converted into the account's euros (Qonto's local amount). */
  localAmount?: { cents: Cents; currency: string }
}

/** Why a payment cannot be booked, in French, or null. */
export function missingEuroAmount(payment: PaymentMoney): Said | null {
  if (payment.currency === 'EUR' || (payment.amountEurCents !== undefined && payment.amountCents > 0)) return null
  return (language) =>
    reconcileTexts(language).fec.noEuroAmount(payment.qontoId, language === 'fr' ? frenchDecimal(payment.amountCents) : centsToDecimalString(payment.amountCents), payment.currency)
}

function amountsOf(payment: PaymentMoney): Amounts {
  const share = (cents: Cents, total: Cents, whole: Cents) => Number((BigInt(cents) * BigInt(whole) * 2n + BigInt(total)) / (BigInt(total) * 2n))
  if (payment.currency !== 'EUR') {
    const problem = missingEuroAmount(payment)
    if (problem) throw new FecError((language) => reconcileTexts(language).fec.needsEuros(problem(language)))
    return {
      euros: (cents) => share(cents, payment.amountCents, payment.amountEurCents!),
      foreign: (cents) => ({ cents, currency: payment.currency }),
    }
  }
  const local = payment.localAmount
  if (local && local.currency !== 'EUR' && payment.amountCents > 0) {
    return { euros: (cents) => cents, foreign: (cents) => ({ cents: share(cents, payment.amountCents, local.cents), currency: local.currency }) }
  }
  return { euros: (cents) => cents, foreign: () => undefined }
}

/**
 * Shares `parts` (in the payment's currency) of `total` in euros so that they sum exactly to the
 * euro share of their sum: the last part takes the rounding rest, and the entry stays balanced.
 */
function exactShares(parts: Cents[], convert: (cents: Cents) => Cents): Cents[] {
  const result = parts.map(convert)
  const total = convert(parts.reduce((s, c) => s + c, 0))
  if (result.length > 0) result[result.length - 1]! += total - result.reduce((s, c) => s + c, 0)
  return result
}

/**
 * A reconciled payment: the bank debited with the cash, each write-off account debited with its
 * difference, each client credited per invoice with what the payment settles (cash + difference).
 */
export function reconciledLines(payment: ReconciledPayment, settings: FecSettings = DEFAULT_FEC_SETTINGS): FecLine[] {
  const timeZone = settings.timeZone ?? DEFAULT_TIME_ZONE
  const day = businessDay(payment.date, timeZone)
  const money = amountsOf(payment)
  const surplus = payment.surplus && payment.surplus.amountCents > 0 ? payment.surplus : null
  // The explained surplus is cash too: its own credit line, its share of the bank line.
  const cash = [...payment.allocations.map((a) => a.amountCents), ...(surplus ? [surplus.amountCents] : [])]
  const writeOffs = payment.allocations.map((a) => a.writeOffCents ?? 0)
  const cashEuros = exactShares(cash, money.euros)
  const writeOffEuros = writeOffs.map(money.euros)
  const totalCash = cash.reduce((s, c) => s + c, 0)
  const invoices = payment.allocations.map((a) => a.invoiceNumber).join(' ')
  const payer = payment.payer ?? ''
  const lines: FecLine[] = [{
    account: settings.bankAccount, accountLabel: settings.bankAccountLabel, aux: '', auxLabel: '', piece: payment.qontoId, pieceDay: day,
    label: clean(`Règlement ${invoices} ${payer}`), debit: cashEuros.reduce((s, c) => s + c, 0), credit: 0, foreign: money.foreign(totalCash),
  }]
  payment.allocations.forEach((allocation, i) => {
    if (writeOffs[i]! <= 0) return
    lines.push({
      account: allocation.writeOffAccount || settings.writeOffAccount || DEFAULT_WRITE_OFF_ACCOUNT, accountLabel: WRITE_OFF_LABEL, aux: '', auxLabel: '',
      piece: allocation.invoiceNumber, pieceDay: day, label: clean(`Écart ${allocation.invoiceNumber} ${payer}`), debit: writeOffEuros[i]!, credit: 0,
      foreign: money.foreign(writeOffs[i]!),
    })
  })
  payment.allocations.forEach((allocation, i) => {
    const client = { id: allocation.clientId, name: allocation.clientName, account: allocation.clientAccount ?? null }
    lines.push({
      account: settings.clientAccount, accountLabel: 'Clients', aux: auxAccountOf(client, settings), auxLabel: clean(allocation.clientName ?? 'Client'),
      piece: allocation.invoiceNumber, pieceDay: day, label: clean(`Règlement ${allocation.invoiceNumber}${allocation.settles === false ? ' (partiel)' : ''} ${payer}`),
      debit: 0, credit: cashEuros[i]! + writeOffEuros[i]!, foreign: money.foreign(cash[i]! + writeOffs[i]!),
    })
  })
  if (surplus) {
    // Owed to the client (a credit note to apply, or a refund to make): a credit on its account.
    const first = payment.allocations[0]
    const client = { id: first?.clientId ?? null, name: surplus.clientName ?? first?.clientName ?? null, account: first?.clientAccount ?? null }
    const what = surplus.treatment === 'AVOIR' ? 'avoir client' : 'à rembourser'
    lines.push({
      account: settings.clientAccount, accountLabel: 'Clients', aux: auxAccountOf(client, settings), auxLabel: clean(client.name ?? 'Client'),
      piece: payment.qontoId, pieceDay: day, label: clean(`Excédent ${what}${surplus.note ? ` ${surplus.note}` : ''} ${payer}`),
      debit: 0, credit: cashEuros[cash.length - 1]!, foreign: money.foreign(surplus.amountCents),
    })
  }
  return lines
}

/**
 * A credit explained without an invoice: the bank is debited, the suspense account (471000)
 * credited, with the category and note as the label, so the accountant sees every credit of the
 * bank journal and reclassifies these (refund, internal transfer, capital, grant…).
 */
export function ignoredLines(payment: IgnoredPayment, settings: FecSettings = DEFAULT_FEC_SETTINGS): FecLine[] {
  const day = businessDay(payment.date, settings.timeZone ?? DEFAULT_TIME_ZONE)
  const money = amountsOf(payment)
  const euros = money.euros(payment.amountCents)
  const label = clean(`Hors facture ${categoryLabel(payment.category)}${payment.note ? ` ${payment.note}` : ''} ${payment.payer ?? ''}`)
  const foreign = money.foreign(payment.amountCents)
  return [
    { account: settings.bankAccount, accountLabel: settings.bankAccountLabel, aux: '', auxLabel: '', piece: payment.qontoId, pieceDay: day, label, debit: euros, credit: 0, foreign },
    { account: settings.suspenseAccount || DEFAULT_SUSPENSE_ACCOUNT, accountLabel: "Compte d'attente", aux: '', auxLabel: '', piece: payment.qontoId, pieceDay: day, label, debit: 0, credit: euros, foreign },
  ]
}

/** The contre-passation of an entry: the same lines, debit and credit swapped, labelled as the reversal of `number`. */
export function reversalLines(lines: FecLine[], number: string): FecLine[] {
  return lines.map((line) => ({
    ...line,
    label: clean(`Contre-passation ${number} ${line.label}`).slice(0, 200),
    debit: line.credit,
    credit: line.debit,
  }))
}

/** The settings for one payment: the FEC bank account of its Qonto account when one is set, else the default. */
export function fecSettingsForAccount(settings: FecSettings, accounts: ReadonlyMap<string, string>, bankAccountId: string | null | undefined): FecSettings {
  const own = bankAccountId ? accounts.get(bankAccountId) : undefined
  return own ? { ...settings, bankAccount: own } : settings
}
