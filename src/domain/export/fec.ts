/**
 * Fichier des Écritures Comptables (article A47 A-1 du Livre des procédures fiscales): the 18
 * columns in order, tab-separated, dates YYYYMMDD, decimal comma. One balanced entry per
 * reconciled payment: the bank account is debited, the client account credited per invoice; the
 * lettering (EcritureLet, DateLet) records the reconciliation.
 */
import { normalizeText } from '../matching/text.js'
import { frenchDecimal, type ReconciledPayment } from './types.js'

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
}

export const DEFAULT_FEC_SETTINGS: FecSettings = {
  journalCode: 'BQ',
  journalLabel: 'Banque Qonto',
  bankAccount: '512000',
  bankAccountLabel: 'Banque Qonto',
  clientAccount: '411000',
}

const yyyymmdd = (date: Date) => date.toISOString().slice(0, 10).replace(/-/g, '')
/** FEC fields may not contain the separator nor line breaks. */
const clean = (text: string | null | undefined) => (text ?? '').replace(/[\t\r\n|]+/g, ' ').trim()

/**
 * Auxiliary account of a client: 411 + 6 letters of its name + 4 characters derived from its id
 * ("411GLOWCO7K2Q"): readable, stable, and two clients with similar names never share an account.
 */
export function clientAuxAccount(clientName: string | null, clientId: string | null): string {
  const letters = normalizeText(clientName ?? '').replace(/[^a-z0-9]/g, '').toUpperCase().slice(0, 6) || 'DIVERS'
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

/** The lines of one entry; `sequence` numbers entries from 0 within the file. */
export function fecEntry(payment: ReconciledPayment, sequence: number, settings: FecSettings = DEFAULT_FEC_SETTINGS): string {
  const number = `${settings.journalCode}${String(sequence + 1).padStart(6, '0')}`
  const entryDate = yyyymmdd(payment.date)
  const letteredOn = yyyymmdd(payment.allocations.reduce((latest, a) => (a.at > latest ? a.at : latest), payment.allocations[0]!.at))
  const lettering = letteringCode(sequence)
  const invoices = payment.allocations.map((a) => a.invoiceNumber).join(' ')
  const label = clean(`Règlement ${invoices} ${payment.payer ?? ''}`)
  const foreign = payment.currency !== 'EUR'
  const total = payment.allocations.reduce((sum, a) => sum + a.amountCents, 0)
  const line = (fields: string[]) => `${fields.join('\t')}\r\n`
  const common = (account: string, accountLabel: string, aux: string, auxLabel: string, piece: string) => [
    settings.journalCode, settings.journalLabel, number, entryDate, account, clean(accountLabel), aux, clean(auxLabel), clean(piece), entryDate, label,
  ]
  let text = line([
    ...common(settings.bankAccount, settings.bankAccountLabel, '', '', payment.qontoId),
    frenchDecimal(total), frenchDecimal(0), '', '', letteredOn, foreign ? frenchDecimal(total) : '', foreign ? payment.currency : '',
  ])
  for (const allocation of payment.allocations) {
    text += line([
      ...common(settings.clientAccount, 'Clients', clientAuxAccount(allocation.clientName, allocation.clientId), allocation.clientName ?? 'Client', allocation.invoiceNumber),
      frenchDecimal(0), frenchDecimal(allocation.amountCents), lettering, letteredOn, letteredOn,
      foreign ? frenchDecimal(allocation.amountCents) : '', foreign ? payment.currency : '',
    ])
  }
  return text
}
