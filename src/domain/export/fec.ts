/**
 * Fichier des Écritures Comptables (article A47 A-1 du Livre des procédures fiscales): the 18
 * columns in order, tab-separated, dates YYYYMMDD, decimal comma. One balanced entry per
 * reconciled payment: the bank account is debited, the client account credited per invoice; the
 * lettering (EcritureLet, DateLet) records the reconciliation.
 */
import type { Cents } from '../money.js'
import { businessDay, compactDay, DEFAULT_TIME_ZONE } from '../dates.js'
import { foldWords } from '../text/fold.js'
import { categoryLabel } from '../explanation.js'
import { frenchDecimal, type IgnoredPayment, type ReconciledPayment } from './types.js'

/** A payment that cannot be written to the FEC as it is (message in French, for the user). */
export class FecError extends Error {}

export const FEC_COLUMNS = [
  'JournalCode', 'JournalLib', 'EcritureNum', 'EcritureDate', 'CompteNum', 'CompteLib', 'CompAuxNum', 'CompAuxLib',
  'PieceRef', 'PieceDate', 'EcritureLib', 'Debit', 'Credit', 'EcritureLet', 'DateLet', 'ValidDate', 'Montantdevise', 'Idevise',
] as const

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
  /** Time zone of the entry and lettering dates (the product's one day rule); Europe/Paris by default. */
  timeZone?: string
}

export const DEFAULT_FEC_SETTINGS: FecSettings = {
  journalCode: 'BQ',
  journalLabel: 'Banque Qonto',
  bankAccount: '512000',
  bankAccountLabel: 'Banque Qonto',
  clientAccount: '411000',
}

const yyyymmdd = (date: Date, timeZone: string) => compactDay(businessDay(date, timeZone))
/** FEC fields may not contain the separator nor line breaks. */
const clean = (text: string | null | undefined) => (text ?? '').replace(/[\t\r\n|]+/g, ' ').trim()

/**
 * Auxiliary account of a client: 411 + 6 letters of its name + 4 characters derived from its id
 * ("411GLOWCO7K2Q"): readable, stable, and two clients with similar names never share an account.
 */
export function clientAuxAccount(clientName: string | null, clientId: string | null): string {
  const letters = foldWords(clientName ?? '').replace(/[^a-z0-9]/g, '').toUpperCase().slice(0, 6) || 'DIVERS'
  return `411${letters}${shortHash(clientId ?? clientName ?? '')}`
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

/** Lettering code from the entry number: A, B, … Z, AA, AB … (unique within the file). */
export function letteringCode(sequence: number): string {
  let n = sequence
  let code = ''
  do {
    code = String.fromCharCode(65 + (n % 26)) + code
    n = Math.floor(n / 26) - 1
  } while (n >= 0)
  return code
}

export function fecHeader(): string {
  return `${FEC_COLUMNS.join('\t')}\r\n`
}

/**
 * The lines of one entry; `sequence` numbers entries from 0 within the file.
 *
 * Debit and Credit are always in euros. For another currency, Montantdevise carries the amount in
 * that currency and Idevise its code; the euro amounts come from `amountEurCents`, shared between
 * the invoices in proportion (the last line takes the rounding rest, so the entry stays balanced).
 */
export function fecEntry(payment: ReconciledPayment, sequence: number, settings: FecSettings = DEFAULT_FEC_SETTINGS): string {
  const timeZone = settings.timeZone ?? DEFAULT_TIME_ZONE
  const number = `${settings.journalCode}${String(sequence + 1).padStart(6, '0')}`
  const entryDate = yyyymmdd(payment.date, timeZone)
  const letteredOn = yyyymmdd(payment.allocations.reduce((latest, a) => (a.at > latest ? a.at : latest), payment.allocations[0]!.at), timeZone)
  const lettering = letteringCode(sequence)
  const invoices = payment.allocations.map((a) => a.invoiceNumber).join(' ')
  const label = clean(`Règlement ${invoices} ${payment.payer ?? ''}`)
  const foreign = payment.currency !== 'EUR'
  const amounts = payment.allocations.map((a) => a.amountCents)
  const euros = foreign ? euroAmounts(payment, amounts) : amounts
  const totalEuros = euros.reduce((sum, cents) => sum + cents, 0)
  const total = amounts.reduce((sum, cents) => sum + cents, 0)
  const line = (fields: string[]) => `${fields.join('\t')}\r\n`
  const common = (account: string, accountLabel: string, aux: string, auxLabel: string, piece: string) => [
    settings.journalCode, settings.journalLabel, number, entryDate, account, clean(accountLabel), aux, clean(auxLabel), clean(piece), entryDate, label,
  ]
  const inCurrency = (cents: Cents) => (foreign ? [frenchDecimal(cents), payment.currency] : ['', ''])
  // A write-off closes the rest of an invoice without cash: debited on its account, credited to the client with the cash.
  const writeOffs = payment.allocations.map((a) => a.writeOffCents ?? 0)
  const writeOffEuros = foreign ? writeOffs.map((cents) => shareInEuros(payment, cents)) : writeOffs
  let text = line([
    ...common(settings.bankAccount, settings.bankAccountLabel, '', '', payment.qontoId),
    frenchDecimal(totalEuros), frenchDecimal(0), '', '', letteredOn, ...inCurrency(total),
  ])
  payment.allocations.forEach((allocation, i) => {
    if (writeOffs[i]! <= 0) return
    text += line([
      ...common(allocation.writeOffAccount || settings.writeOffAccount || DEFAULT_WRITE_OFF_ACCOUNT, 'Écart de règlement', '', '', allocation.invoiceNumber),
      frenchDecimal(writeOffEuros[i]!), frenchDecimal(0), '', '', letteredOn, ...inCurrency(writeOffs[i]!),
    ])
  })
  payment.allocations.forEach((allocation, i) => {
    text += line([
      ...common(settings.clientAccount, 'Clients', clientAuxAccount(allocation.clientName, allocation.clientId), allocation.clientName ?? 'Client', allocation.invoiceNumber),
      frenchDecimal(0), frenchDecimal(euros[i]! + writeOffEuros[i]!), lettering, letteredOn, letteredOn, ...inCurrency(allocation.amountCents + writeOffs[i]!),
    ])
  })
  return text
}

/** The settings for one payment: the FEC bank account of its Qonto account when one is set, else the default. */
export function fecSettingsForAccount(settings: FecSettings, accounts: ReadonlyMap<string, string>, bankAccountId: string | null | undefined): FecSettings {
  const own = bankAccountId ? accounts.get(bankAccountId) : undefined
  return own ? { ...settings, bankAccount: own } : settings
}

export const DEFAULT_WRITE_OFF_ACCOUNT = '627000'
export const DEFAULT_SUSPENSE_ACCOUNT = '471000'

/**
 * A credit explained without an invoice: the bank is debited, the suspense account (471000)
 * credited, with the category and note as the label, so the accountant sees every credit of the
 * bank journal and reclassifies these (refund, internal transfer, capital, grant…). No lettering.
 */
export function fecIgnoredEntry(payment: IgnoredPayment, sequence: number, settings: FecSettings = DEFAULT_FEC_SETTINGS): string {
  const timeZone = settings.timeZone ?? DEFAULT_TIME_ZONE
  const number = `${settings.journalCode}${String(sequence + 1).padStart(6, '0')}`
  const entryDate = yyyymmdd(payment.date, timeZone)
  const label = clean(`Hors facture ${categoryLabel(payment.category)}${payment.note ? ` ${payment.note}` : ''} ${payment.payer ?? ''}`)
  const foreign = payment.currency !== 'EUR'
  const euros = foreign ? shareInEuros(payment, payment.amountCents) : payment.amountCents
  const inCurrency = foreign ? [frenchDecimal(payment.amountCents), payment.currency] : ['', '']
  const line = (account: string, accountLabel: string, debit: number, credit: number) =>
    `${[settings.journalCode, settings.journalLabel, number, entryDate, account, clean(accountLabel), '', '', clean(payment.qontoId), entryDate, label,
      frenchDecimal(debit), frenchDecimal(credit), '', '', entryDate, ...inCurrency].join('\t')}\r\n`
  return (
    line(settings.bankAccount, settings.bankAccountLabel, euros, 0) +
    line(settings.suspenseAccount || DEFAULT_SUSPENSE_ACCOUNT, "Compte d'attente", 0, euros)
  )
}

/** One amount of a foreign-currency payment in euros, in proportion of its euro amount. */
function shareInEuros(payment: { qontoId: string; currency: string; amountCents: Cents; amountEurCents?: Cents }, cents: Cents): Cents {
  if (payment.amountEurCents === undefined || payment.amountCents <= 0) {
    throw new FecError(`Paiement ${payment.qontoId} en ${payment.currency} sans montant en euros : le FEC exige Débit/Crédit en euros.`)
  }
  return Number((BigInt(cents) * BigInt(payment.amountEurCents) * 2n + BigInt(payment.amountCents)) / (BigInt(payment.amountCents) * 2n))
}

/** Euro amounts of the allocations of a foreign-currency payment, summing exactly to their share of amountEurCents. */
function euroAmounts(payment: ReconciledPayment, amounts: Cents[]): Cents[] {
  if (payment.amountEurCents === undefined || payment.amountCents <= 0) {
    throw new FecError(
      `Paiement ${payment.qontoId} en ${payment.currency} sans montant en euros : le FEC exige Débit/Crédit en euros.`,
    )
  }
  const eur = BigInt(payment.amountEurCents)
  const paid = BigInt(payment.amountCents)
  const share = (cents: Cents) => Number((BigInt(cents) * eur * 2n + paid) / (paid * 2n))
  const allocated = amounts.reduce((sum, cents) => sum + cents, 0)
  const total = share(allocated)
  const result = amounts.map(share)
  result[result.length - 1]! += total - result.reduce((sum, cents) => sum + cents, 0)
  return result
}
