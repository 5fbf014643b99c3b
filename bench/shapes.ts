/**
 * Ledgers of the same size but different shapes, for `npm run bench:match`: the matcher's cost must
 * not depend on how friendly the generator is. Each shape is seeded and labelled (every payment
 * carries the allocation it truly settles), 20,000 payments against about 40,000 open invoices:
 *
 *  - existing        the generated ledger of bench/ledger.ts (2,000 clients), first 40,000 invoices
 *  - round-amounts   most invoices share six round amounts (500 €, 1 000 €, 1 500 €…)
 *  - similar-names   3,000 clients with near-identical names ("Boulangerie Martin", "Boulangerie
 *                    Martine", "Boulangerie Martin et Fils"…), paid mostly by name
 *  - long-texts      140-character remittances full of other numbers, long labels, lists of invoices
 *  - many-per-client 400 clients with 100 open invoices each
 *  - few-clients     20 clients with 2,000 open invoices each
 */
import type { Client, HistoryEntry, Invoice } from '../src/domain/matching/index.js'
import {
  anyTime,
  bankText,
  dayOf,
  generateLedger,
  iban,
  kindDrawer,
  mulberry32,
  sentInvoice,
  uniqueAmountTaker,
  paymentFields,
  WORDS,
  type GeneratedLedger,
  type LabelledPayment,
  type PaymentKind,
} from './ledger.js'

export type ShapeName = 'existing' | 'round-amounts' | 'similar-names' | 'long-texts' | 'many-per-client' | 'few-clients'
export const SHAPES: ShapeName[] = ['existing', 'round-amounts', 'similar-names', 'long-texts', 'many-per-client', 'few-clients']

export interface ShapeSize {
  payments: number
  invoices: number
}
export const FULL_SIZE: ShapeSize = { payments: 20_000, invoices: 40_000 }

export function generateShape(shape: ShapeName, size: ShapeSize = FULL_SIZE): GeneratedLedger {
  switch (shape) {
    case 'existing': {
      const big = generateLedger({ clients: Math.round(size.invoices / 20), invoices: Math.round(size.invoices * 1.5), payments: size.payments, seed: 11 })
      return { ...big, invoices: big.invoices.slice(0, size.invoices) }
    }
    case 'round-amounts':
      return build({ seed: 21, clients: companies(2000, mulberry32(121)), size, amount: (r) => (r() < 0.9 ? pickFrom(ROUND_AMOUNTS, r) : 5000 + Math.floor(r() * 500000)), mix: MIX_DEFAULT })
    case 'similar-names':
      return build({ seed: 22, clients: similarNames(3000), size, mix: MIX_BY_NAME })
    case 'long-texts':
      return build({ seed: 23, clients: companies(2000, mulberry32(123)), size, mix: MIX_DEFAULT, longTexts: true })
    case 'many-per-client':
      return build({ seed: 24, clients: companies(400, mulberry32(124)), size, mix: MIX_DEFAULT })
    case 'few-clients':
      return build({ seed: 25, clients: companies(20, mulberry32(125)), size, mix: MIX_DEFAULT })
  }
}

const ROUND_AMOUNTS = [50_000, 100_000, 150_000, 200_000, 250_000, 500_000]
const MIX_DEFAULT: Array<[PaymentKind, number]> = [
  ['reference', 30], ['iban-only', 18], ['name-only', 8], ['grouped-named', 6], ['grouped-unnamed', 6], ['partial', 5], ['short-fees', 5], ['amount-only', 6], ['unrelated', 12],
]
const MIX_BY_NAME: Array<[PaymentKind, number]> = [
  ['reference', 20], ['iban-only', 10], ['name-only', 40], ['grouped-unnamed', 5], ['partial', 5], ['amount-only', 5], ['unrelated', 15],
]
const FORMS = ['SAS', 'SARL', '', 'SA', 'EURL', '']
const SERIES = ['FACT-2026-', 'FACT-2026-', 'F2026-', 'FA-2026-']

function pickFrom<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)]!
}

/** Company names from the word list (two or three words, all distinct as word sets). */
function companies(count: number, random: () => number): Client[] {
  const used = new Set<string>()
  const clients: Client[] = []
  for (let i = 0; clients.length < count; i += 1) {
    const words = [pickFrom(WORDS, random), pickFrom(WORDS, random), ...(random() < 0.5 || i > count * 4 ? [pickFrom(WORDS, random)] : [])]
    const key = bankText(words.join(' ')).split(' ').sort().join(' ')
    if (new Set(words).size < words.length || used.has(key)) continue
    used.add(key)
    const form = pickFrom(FORMS, random)
    clients.push({ id: `c${clients.length}`, name: form ? `${words.join(' ')} ${form}` : words.join(' '), ibans: random() < 0.85 ? [iban(clients.length)] : [] })
  }
  return clients
}

const TRADES = ['Boulangerie', 'Garage', 'Cabinet', 'Pharmacie', 'Plomberie', 'Transports', 'Menuiserie', 'Coiffure', 'Immobilier', 'Conseil']
const SURNAMES = ['Martin', 'Martine', 'Martins', 'Bernard', 'Bernardi', 'Thomas', 'Thomasson', 'Petit', 'Petitjean', 'Robert', 'Roberts', 'Richard',
  'Richardson', 'Durand', 'Durant', 'Dubois', 'Dubosc', 'Moreau', 'Moreaux', 'Laurent', 'Laurens', 'Simon', 'Simonet', 'Michel', 'Michelet',
  'Lefebvre', 'Lefevre', 'Leroy', 'Leroux', 'Roux', 'Rousseau', 'Roussel', 'David', 'Davide', 'Bertrand', 'Bertrandy', 'Morel', 'Morelle',
  'Fournier', 'Fourniret', 'Girard', 'Girardot', 'Bonnet', 'Bonnetat', 'Dupont', 'Dupond', 'Lambert', 'Lamberti', 'Fontaine', 'Fontaines',
  'Rousset', 'Rousselle', 'Vincent', 'Vincenti', 'Muller', 'Mullers', 'Lefranc', 'Lefranck', 'Faure', 'Fauré']
const SUFFIXES = ['', ' et Fils', ' Frères', ' Père et Fils', ' & Associés']

/** 3,000 clients whose names differ by a letter, a word or a suffix: the name index's worst case. */
function similarNames(count: number): Client[] {
  const clients: Client[] = []
  for (const suffix of SUFFIXES) {
    for (const surname of SURNAMES) {
      for (const trade of TRADES) {
        if (clients.length >= count) return clients
        clients.push({ id: `c${clients.length}`, name: `${trade} ${surname}${suffix}`, ibans: clients.length % 3 === 0 ? [iban(clients.length)] : [] })
      }
    }
  }
  return clients
}

interface Recipe {
  seed: number
  clients: Client[]
  size: ShapeSize
  mix: Array<[PaymentKind, number]>
  amount?: (random: () => number) => number
  longTexts?: boolean
}


function build({ seed, clients, size, mix, amount, longTexts = false }: Recipe): GeneratedLedger {
  const random = mulberry32(seed)
  const pick = <T>(list: readonly T[]): T => pickFrom(list, random)
  const invoices: Invoice[] = []
  const openByClient = new Map<string, Invoice[]>()
  for (let i = 0; i < size.invoices; i += 1) {
    // Every client gets its share (round robin), then the rest at random: "few clients" really have many invoices each.
    const client = i < clients.length ? clients[i]! : pick(clients)
    const invoice = sentInvoice(i, client.id, random, SERIES, amount)
    invoices.push(invoice)
    const list = openByClient.get(client.id)
    if (list) list.push(invoice)
    else openByClient.set(client.id, [invoice])
  }
  for (const list of openByClient.values()) list.sort((a, b) => (a.dueDate! < b.dueDate! ? -1 : a.dueDate! > b.dueDate! ? 1 : a.number < b.number ? -1 : 1))

  const history: HistoryEntry[] = []
  const payments: LabelledPayment[] = []
  const drawKind = kindDrawer(mix, random)
  const take = (clientId: string, count: number, skipOldest: boolean): Invoice[] | null => {
    const list = openByClient.get(clientId)
    const from = skipOldest ? 1 : 0
    if (!list || list.length < from + count) return null
    return list.splice(from, count)
  }
  const takeUniqueAmount = uniqueAmountTaker(invoices, openByClient, () => pick(clients).id, 20)
  const settle = (kind: PaymentKind): Omit<LabelledPayment, 'payment'> & { paid: Invoice[]; client: Client } | null => {
    if (kind === 'amount-only') {
      const unique = takeUniqueAmount()
      return unique ? { kind, paid: [unique], client: clients.find((c) => c.id === unique.clientId)!, truth: [] } : null
    }
    const client = pick(clients)
    const count = kind.startsWith('grouped') ? 2 + Math.floor(random() * 2) : 1
    const paid = take(client.id, count, kind.startsWith('grouped') && random() < 0.35)
    return paid ? { kind, paid, client, truth: [] } : null
  }

  for (let attempts = 0; payments.length < size.payments && attempts < size.payments * 20; attempts += 1) {
    const kind = drawKind()
    const id = `p${payments.length}`
    if (kind === 'unrelated') {
      const amountCents = amount && random() < 0.5 ? amount(random) : 1000 + Math.floor(random() * 300000)
      const reference = pick(['Remboursement', 'Régularisation 2026', null, `DEVIS ${pick(invoices).number.replace(/^\D+/, '')}`, `Remboursement avoir AV-${pick(invoices).number.replace(/^\D+/, '')}`])
      payments.push({ kind, truth: [], payment: { id, amountCents, label: pick(['URSSAF', 'AMAZON PAYMENTS', 'DGFIP', 'STRIPE PAYOUT', 'CPAM']), reference: longTexts ? sepaText(reference ?? 'REMBOURSEMENT', random) : reference, counterpartyIban: random() < 0.5 ? iban(900000 + payments.length) : null, settledAt: `${dayOf(2026, 200 + Math.floor(random() * 150))}T${anyTime(random)}Z` } })
      continue
    }
    const settled = settle(kind)
    if (!settled) continue
    const { paid, client } = settled
    const fields = paymentFields(kind, { paid, client, n: payments.length, random, history })
    if (!fields) continue
    const { amountCents, settledAt, truth, counterpartyIban, counterpartyName } = fields
    let { reference } = fields
    if (longTexts) reference = sepaText(reference ?? '', random)
    const label = longTexts ? longLabel(counterpartyName ?? '', reference ?? '', random) : counterpartyName
    payments.push({ kind, truth, payment: { id, amountCents, reference, label, counterpartyName, counterpartyIban, settledAt, side: 'credit', currency: 'EUR' } })
  }
  return { clients, invoices, history, payments }
}

/**
 * A SEPA remittance (140 characters at most, cut where the bank cuts) with the payer's own order
 * numbers, dates, a SIRET and an end-to-end id around what they meant to say.
 */
function sepaText(core: string, random: () => number): string {
  const order = `CDE ${100000 + Math.floor(random() * 899999)}`
  const date = `${String(1 + Math.floor(random() * 28)).padStart(2, '0')}/${String(1 + Math.floor(random() * 12)).padStart(2, '0')}/2026`
  const e2e = `E2E ${Math.floor(random() * 1e12)}`
  const words = ['REGLEMENT', 'SOLDE', 'CPTE', 'ECHEANCE', 'LOT', 'CHANTIER', 'PROJET', 'SITE', 'AGENCE', 'LYON', 'PARIS']
  const pieces = [core, order, `DU ${date}`, e2e, `SIRET 732 829 320 00074`, ...Array.from({ length: 6 }, () => `${pickFrom(words, random)} ${Math.floor(random() * 9999)}`)]
  return pieces.join(' ').slice(0, 140)
}

/** The long label some banks build: the payer, the whole remittance, and their own codes, repeated. */
function longLabel(name: string, reference: string, random: () => number): string {
  const codes = Array.from({ length: 12 }, () => `/${pickFrom(['RFB', 'IID', 'PDT', 'NBE', 'LIB', 'REF'], random)} ${Math.floor(random() * 1e9)}`).join(' ')
  return `VIR SEPA RECU /DE ${name} /MOTIF ${reference} ${codes} /DATE ${dayOf(2026, 1 + Math.floor(random() * 300))}`.slice(0, 1000)
}
