/**
 * A generated, labelled ledger (seeded, reproducible): clients, invoices and incoming payments of
 * every kind seen in real life, each payment carrying the allocation it truly settles.
 * Used by `npm run bench:match` and by the golden test.
 */
import { composeIBAN } from 'ibantools'
import type { Client, HistoryEntry, Invoice, Payment } from '../src/domain/matching/index.js'

export type PaymentKind =
  | 'reference'
  | 'reference-typo'
  | 'iban-only'
  | 'name-only'
  | 'history-only'
  | 'grouped-named'
  | 'grouped-unnamed'
  | 'partial'
  | 'short-fees'
  | 'amount-only'
  | 'unrelated'

export interface LabelledPayment {
  payment: Payment
  kind: PaymentKind
  /** The invoices it settles and how much goes to each; empty for unrelated incomes. */
  truth: Array<{ invoiceId: string; amountCents: number }>
}

export interface GeneratedLedger {
  clients: Client[]
  invoices: Invoice[]
  history: HistoryEntry[]
  payments: LabelledPayment[]
}

export interface LedgerSize {
  clients: number
  invoices: number
  payments: number
  seed?: number
}

export const WORDS = ['Atelier', 'Maison', 'Studio', 'Glow', 'Lumière', 'Nordik', 'Verde', 'Horizon', 'Pixel', 'Plume', 'Olympe',
  'Vallon', 'Marine', 'Azur', 'Boréal', 'Cèdre', 'Dune', 'Écume', 'Faubourg', 'Garance', 'Héron', 'Iris', 'Jade', 'Kaolin',
  'Lagune', 'Mistral', 'Nacre', 'Opale', 'Pivoine', 'Quartz', 'Rivage', 'Safran', 'Tilleul', 'Ulysse', 'Velours', 'Zénith',
  'Ambre', 'Brume', 'Corail', 'Délice', 'Étoile', 'Figue', 'Givre', 'Hêtre', 'Indigo', 'Jasmin', 'Lys', 'Menthe', 'Nuage',
  'Cœur', 'Œillet', 'Sœur', 'Ægée', 'Straße', 'Søren', 'Łaska', 'Þórr']
/** Sole traders and liberal professions: clients that are persons, paid from "M. NOM PRENOM". */
export const FIRST_NAMES = ['Patrick', 'Sophie', 'Élodie', 'Jean-Luc', 'Chloé', 'Noël', 'Zoé', 'Loïc', 'Maëlle', 'Hervé']
export const LAST_NAMES = ['Durand', 'Lefèvre', 'Müller', 'Cœurdevey', 'Besançon', 'Ørsted', 'Gaëtan', 'Piñon', 'Lindqvist', 'Dubœuf', 'Marchand', 'Rousseau']
export const TITLES = ['M.', 'MME', 'MR', 'MR OU MME', 'DR', 'Mrs', 'Monsieur']
/** Invoice series of the host: most invoices are FACT-…, some F…, some FA-… (one counter, so digits stay unique). */
const SERIES = ['FACT-2026-', 'FACT-2026-', 'FACT-2026-', 'F2026-', 'FA-2026-']
const FORMS = ['SAS', 'SARL', '', 'SA', 'EURL', '']
/** Retainers and packages: the equal amounts that defeat amount-only matching. */
const PACKAGES = [150000, 240000, 90000, 48000, 120000, 62500, 180000, 36000]
const KIND_WEIGHTS: Array<[PaymentKind, number]> = [
  ['reference', 30], ['reference-typo', 4], ['iban-only', 18], ['name-only', 8], ['history-only', 4], ['grouped-named', 6],
  ['grouped-unnamed', 4], ['partial', 5], ['short-fees', 5], ['amount-only', 8], ['unrelated', 12],
]

export function generateLedger({ clients: clientCount, invoices: invoiceCount, payments: paymentCount, seed = 42 }: LedgerSize): GeneratedLedger {
  const random = mulberry32(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const clients: Client[] = []
  const usedNames = new Set<string>()
  for (let i = 0; i < clientCount; i += 1) {
    let name = ''
    // Two clients whose names differ only by word order would be the same payer name: keep them apart.
    let wordSet = ''
    let person = random() < 0.12
    let tries = 0
    do {
      // Only 120 person names exist: once they are taken, fall back to a company name.
      if ((tries += 1) > 20) person = false
      name = person ? `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}` : `${pick(WORDS)} ${pick(WORDS)}${random() < 0.3 ? ` ${pick(WORDS)}` : ''}`
      wordSet = bankText(name).split(/[ -]/).sort().join(' ')
    } while (usedNames.has(wordSet) || new Set(name.split(' ')).size < name.split(' ').length)
    usedNames.add(wordSet)
    const form = person ? '' : pick(FORMS)
    clients.push({ id: `c${i}`, name: form ? `${name} ${form}` : name, ibans: random() < 0.85 ? [iban(i)] : [] })
  }

  const invoices: Invoice[] = []
  const openByClient = new Map<string, Invoice[]>()
  for (let i = 0; i < invoiceCount; i += 1) {
    const client = clients[Math.floor(random() * clients.length)]!
    const invoice = sentInvoice(i, client.id, random, SERIES)
    invoices.push(invoice)
    const list = openByClient.get(client.id) ?? []
    list.push(invoice)
    openByClient.set(client.id, list)
  }
  for (const list of openByClient.values()) list.sort((a, b) => (a.dueDate! < b.dueDate! ? -1 : a.dueDate! > b.dueDate! ? 1 : a.number < b.number ? -1 : 1))

  const history: HistoryEntry[] = []
  const payments: LabelledPayment[] = []
  const drawKind = kindDrawer(KIND_WEIGHTS, random)
  const takeUniqueAmount = uniqueAmountTaker(invoices, openByClient, () => pick(clients).id, 50)
  const takeOldest = (clientId: string, count: number): Invoice[] | null => {
    const list = openByClient.get(clientId)
    if (!list || list.length < count) return null
    return list.splice(0, count)
  }
  /** Some debtors pay invoices that are not their oldest (a disputed one stays open). */
  const takeNotOldest = (clientId: string, count: number): Invoice[] | null => {
    const list = openByClient.get(clientId)
    if (!list || list.length < count + 1) return null
    return list.splice(1, count)
  }

  let attempts = 0
  while (payments.length < paymentCount && attempts < paymentCount * 20) {
    attempts += 1
    const kind = drawKind()
    const id = `p${payments.length}`
    if (kind === 'unrelated') {
      payments.push({
        kind,
        truth: [],
        payment: { id, amountCents: 1000 + Math.floor(random() * 300000), label: pick(['URSSAF', 'AMAZON PAYMENTS', 'DGFIP', 'STRIPE PAYOUT', 'CPAM']), reference: pick(['Remboursement', 'Régularisation 2026', null, `DEVIS ${pick(invoices).number.replace(/^\D+/, '')}`, `Remboursement avoir AV-${pick(invoices).number.replace(/^\D+/, '')}`]), counterpartyIban: random() < 0.5 ? iban(900000 + payments.length) : null, settledAt: `${dayOf(2026, 200 + Math.floor(random() * 150))}T${anyTime(random)}Z` },
      })
      continue
    }
    let client = pick(clients)
    const count = kind.startsWith('grouped') ? 2 + Math.floor(random() * 2) : 1
    let paid: Invoice[] | null
    if (kind === 'amount-only') {
      const unique = takeUniqueAmount()
      paid = unique ? [unique] : null
      if (unique) client = clients.find((c) => c.id === unique.clientId)!
    } else {
      paid = kind.startsWith('grouped') && random() < 0.35 ? takeNotOldest(client.id, count) : takeOldest(client.id, count)
    }
    if (!paid) continue
    const fields = paymentFields(kind, { paid, client, n: payments.length, random, history })
    if (!fields) continue
    const { amountCents, settledAt, truth, reference, counterpartyIban, counterpartyName } = fields
    payments.push({ kind, truth, payment: { id, amountCents, reference, label: counterpartyName, counterpartyName, counterpartyIban, settledAt, side: 'credit', currency: 'EUR' } })
  }
  return { clients, invoices, history, payments }
}

/** Invoice number i of a series, sent to this client, issued in 2026; its amount from `amount` or a package price most of the time. */
export function sentInvoice(i: number, clientId: string, random: () => number, series: readonly string[], amount?: (random: () => number) => number): Invoice {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const issued = dayOf(2026, 1 + Math.floor(random() * 300))
  return {
    id: `i${i}`,
    number: `${pick(series)}${String(i + 1).padStart(5, '0')}`,
    clientId,
    totalCents: amount ? amount(random) : random() < 0.6 ? pick(PACKAGES) : 5000 + Math.floor(random() * 500000),
    issueDate: issued,
    dueDate: addDays(issued, pick([15, 30, 30, 45, 60])),
    status: 'ENVOYE',
  }
}

/** Amount alone can only name an invoice whose amount no other invoice has: takes one from a drawn client's open ones. */
export function uniqueAmountTaker(invoices: Invoice[], openByClient: Map<string, Invoice[]>, drawClient: () => string, tries: number): () => Invoice | null {
  const amountCount = new Map<number, number>()
  for (const invoice of invoices) amountCount.set(invoice.totalCents, (amountCount.get(invoice.totalCents) ?? 0) + 1)
  return () => {
    for (let k = 0; k < tries; k += 1) {
      const list = openByClient.get(drawClient())
      const at = list?.findIndex((invoice) => amountCount.get(invoice.totalCents) === 1) ?? -1
      if (list && at >= 0) return list.splice(at, 1)[0]!
    }
    return null
  }
}

/** Draws payment kinds with these weights. */
export function kindDrawer(weights: Array<[PaymentKind, number]>, random: () => number): () => PaymentKind {
  const totalWeight = weights.reduce((s, [, w]) => s + w, 0)
  return () => {
    let r = random() * totalWeight
    for (const [kind, weight] of weights) if ((r -= weight) < 0) return kind
    return 'reference'
  }
}

export interface PaymentSeed {
  paid: Invoice[]
  client: Client
  /** The payment's position (unique IBANs and names are derived from it). */
  n: number
  random: () => number
  history: HistoryEntry[]
}

/** What a payer of this kind sends for these invoices; null when this payer cannot pay that way (no known IBAN). */
export function paymentFields(kind: PaymentKind, { paid, client, n, random, history }: PaymentSeed) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const clientId = client.id
  const total = paid.reduce((s, inv) => s + inv.totalCents, 0)
  const lastDue = paid[paid.length - 1]!.dueDate!
  const settledAt = `${addDays(lastDue, Math.floor(random() * 40) - 12 > 0 ? Math.floor(random() * 20) : -Math.floor(random() * 10))}T${anyTime(random)}Z`
  const knownIban = client.ibans?.[0] ?? null
  const payerName = nameVariant(client.name, random)
  let amountCents = total
  let truth = paid.map((inv) => ({ invoiceId: inv.id, amountCents: inv.totalCents }))
  let reference: string | null = null
  let counterpartyIban: string | null = knownIban
  let counterpartyName: string | null = payerName
  switch (kind) {
    case 'reference':
      reference = typedReference(paid[0]!.number, random)
      if (random() < 0.4) counterpartyIban = iban(500000 + n)
      break
    case 'reference-typo':
      // A digit dropped, doubled or swapped, or letters for digits: the payer is still known by IBAN or name.
      reference = typoReference(paid[0]!.number, random)
      if (random() < 0.5) counterpartyIban = iban(550000 + n)
      break
    case 'iban-only':
      if (!knownIban) return null
      reference = pick([null, 'Paiement', 'VIREMENT', 'Merci'])
      counterpartyName = pick([payerName, 'M. OU MME CLIENT'])
      break
    case 'name-only':
      counterpartyIban = iban(600000 + n)
      reference = pick([null, 'Règlement'])
      break
    case 'history-only':
      counterpartyIban = iban(700000 + n)
      counterpartyName = `M. ${pick(WORDS).toUpperCase()} ${pick(WORDS).toUpperCase()} ${n}`
      history.push({ counterpartyName, counterpartyIban, clientId })
      break
    case 'grouped-named':
      reference = paid.map((inv) => inv.number).join(' + ')
      break
    case 'grouped-unnamed':
      if (!knownIban) return null
      reference = pick([null, 'Factures', 'Règlement factures'])
      break
    case 'partial':
      amountCents = Math.max(100, Math.floor(total * (0.3 + random() * 0.4)))
      truth = [{ invoiceId: paid[0]!.id, amountCents }]
      reference = `Acompte ${paid[0]!.number}`
      break
    case 'short-fees':
      amountCents = total - (100 + Math.floor(random() * 400))
      truth = [{ invoiceId: paid[0]!.id, amountCents }]
      reference = typedReference(paid[0]!.number, random)
      break
    case 'amount-only':
      counterpartyIban = iban(800000 + n)
      counterpartyName = 'PARTICULIER'
      reference = null
      break
    case 'unrelated':
      break
  }
  return { settledAt, amountCents, truth, reference, counterpartyIban, counterpartyName }
}

/** How people type an invoice number in a transfer, whatever the series' own prefix. */
export function typedReference(number: string, random: () => number): string {
  const [year = '', seq = ''] = number.replace(/^\D+/, '').split('-')
  const variants = [
    number,
    `VIR SEPA ${number} MERCI`,
    `FACT ${year} ${seq}`,
    `fact${year}${seq}`,
    `Facture n° ${year}-${seq}`,
    `Règlement ${number.toLowerCase()}`,
    `${number.replace(/-/g, '/')}`,
    `FA ${year}-${seq}`,
    `N° ${year}-${seq}`,
    `INV ${year}${seq}`,
    `Facture ${number} du ${String(1 + Math.floor(random() * 28)).padStart(2, '0')}/0${1 + Math.floor(random() * 9)}/2026`,
  ]
  return variants[Math.floor(random() * variants.length)]!
}

/** A typed reference with a mistake: OCR letters for digits, a dropped or doubled digit, two digits swapped. */
function typoReference(number: string, random: () => number): string {
  const digits = number.replace(/^\D+/, '')
  const r = random()
  if (r < 0.35) return `FACT ${digits.replace(/0/g, 'O')}`
  const chars = [...digits.replace(/-/g, '')]
  const at = 4 + Math.floor(random() * (chars.length - 4))
  if (r < 0.6) chars.splice(at, 1)
  else if (r < 0.8) chars.splice(at, 0, chars[at]!)
  else if (at + 1 < chars.length) [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!]
  return `Facture ${chars.join('')}`
}

/** How a bank shows a client's name: ASCII upper case, legal form added or dropped, words swapped, a civil title for persons. */
export function nameVariant(name: string, random: () => number): string {
  const words = name.split(' ').filter((w) => !['SAS', 'SARL', 'SA', 'EURL'].includes(w))
  const isPerson = FIRST_NAMES.includes(words[0]!)
  const r = random()
  if (isPerson) {
    const title = TITLES[Math.floor(random() * TITLES.length)]!
    return bankText(r < 0.6 ? `${title} ${words[1]} ${words[0]}` : `${title} ${words.join(' ')}`)
  }
  if (r < 0.3) return bankText(words.join(' '))
  if (r < 0.5) return bankText(`${words.join(' ')} SARL`)
  if (r < 0.65 && words.length > 1) return bankText([...words.slice(1), words[0]].join(' '))
  return name
}

/** Banks send ASCII upper case: accents dropped, ligatures and special letters spelled out. */
export function bankText(text: string): string {
  const spelled: Record<string, string> = { œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE', ß: 'ss', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', þ: 'th', Þ: 'TH', ñ: 'n' }
  return text.replace(/[œŒæÆßøØłŁþÞñ]/g, (c) => spelled[c]!).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase()
}

/** Any time of the day, midnight included (Paris days differ from UTC days after 22:00 or 23:00 UTC). */
export function anyTime(random: () => number): string {
  const minutes = Math.floor(random() * 24 * 60)
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`
}

export function iban(n: number): string {
  const bank = String(10000 + (n % 89999)).padStart(5, '0')
  const branch = String(n % 99999).padStart(5, '0')
  const account = String(n).padStart(11, '0')
  const key = 97 - ((89 * Number(bank) + 15 * Number(branch) + 3 * Number(account)) % 97)
  return composeIBAN({ countryCode: 'FR', bban: `${bank}${branch}${account}${String(key).padStart(2, '0')}` })!
}

export function dayOf(year: number, dayOfYear: number): string {
  return new Date(Date.UTC(year, 0, dayOfYear)).toISOString().slice(0, 10)
}

export function addDays(isoDay: string, days: number): string {
  const date = new Date(`${isoDay}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
