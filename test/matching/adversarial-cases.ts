/**
 * Hand-written adversarial cases: real-world remittance texts and payers that the generator does not
 * produce, each named after its trap. The expected answer was written by hand BEFORE running any
 * engine on it: `top` is the allocation a careful accountant would pick (invoice ids, in any order),
 * or 'none' when the payment settles no open invoice; `auto` says whether an automatic match is
 * acceptable at all. Wrong automatic matches are counted against `top`; an auto match where
 * `auto` is false is wrong too.
 */
import type { Client, HistoryEntry, Invoice, Payment } from '../../src/domain/matching/index.js'

export interface AdversarialCase {
  name: string
  invoices: Invoice[]
  history?: HistoryEntry[]
  payment: Payment
  top: string[] | 'none'
  auto: boolean
}

export const IBAN = {
  glow: 'FR7630004008230001234567819',
  lumiere: 'FR1420041010050500013M02606',
  durand: 'FR7610107001011234567890129',
  unknown: 'FR7612548029981234567890161',
}

export const ADVERSARIAL_CLIENTS: Client[] = [
  { id: 'glow', name: 'Glow Cosmetics SAS', ibans: [IBAN.glow] },
  { id: 'lumiere', name: 'Maison Lumière SARL', ibans: [IBAN.lumiere] },
  { id: 'durand', name: 'Patrick Durand', ibans: [] },
  { id: 'coeur', name: 'Cœur de Lin SARL', ibans: [] },
  { id: 'oeuvre', name: 'Oeuvre Vive', ibans: [] },
  { id: 'gross', name: 'Großmann Technik GmbH', ibans: [] },
  { id: 'soren', name: 'Søren Ørsted Conseil', ibans: [] },
  { id: 'verde', name: 'Atelier Verde', ibans: [] },
  { id: 'martin', name: 'Sophie Martin', ibans: [] },
  { id: 'nordik', name: 'Nordik Design', ibans: [] },
  { id: 'plain', name: 'Horizon Marine', ibans: [] },
]

const inv = (id: string, number: string, clientId: string, totalCents: number, issueDate = '2026-10-01', dueDate: string | null = '2026-10-31'): Invoice => ({
  id, number, clientId, totalCents, issueDate, dueDate, status: 'ENVOYE', currency: 'EUR',
})
const pay = (amountCents: number, fields: Partial<Payment> = {}): Payment => ({
  id: 'tx', amountCents, side: 'credit', currency: 'EUR', settledAt: '2026-11-05T10:00:00Z', ...fields,
})
/** A few unrelated open invoices every case also has, so that "the only invoice" is never a given. */
const noise = [
  inv('n1', 'FACT-2026-0900', 'nordik', 45000, '2026-09-01', '2026-09-30'),
  inv('n2', 'FACT-2026-0901', 'plain', 72000, '2026-09-15', '2026-10-15'),
  inv('n3', 'FACT-2026-0902', 'lumiere', 99000, '2026-10-20', '2026-11-20'),
]
const lorem = 'Merci pour votre confiance, règlement selon conditions générales, escompte 0 %, pénalités de retard 3 fois le taux légal, indemnité forfaitaire 40 EUR, ligne 1 quantité 12 prix unitaire 45,00 ligne 2 quantité 3 prix unitaire 120,50 '

export const ADVERSARIAL_CASES: AdversarialCase[] = [
  // Other document types carrying the same digits
  { name: 'quote deposit: DEVIS with the digits of an invoice, 30 % of it', invoices: [...noise, inv('a', 'FACT-2026-0014', 'glow', 300000)], payment: pay(90000, { reference: 'Acompte DEVIS 2026-0014' }), top: 'none', auto: false },
  { name: 'quote number and exact amount: DEV- prefix', invoices: [...noise, inv('a', 'FACT-2026-0015', 'glow', 150000)], payment: pay(150000, { reference: 'DEV-2026-0015 accepte' }), top: ['a'], auto: false },
  { name: 'credit note refund named AV- with the amount of an invoice', invoices: [...noise, inv('a', 'FACT-2026-0020', 'glow', 48000)], payment: pay(48000, { reference: 'Remboursement AV-2026-0020' }), top: ['a'], auto: false },
  { name: 'AVOIR deducted, known IBAN: a partial payment', invoices: [...noise, inv('a', 'FACT-2026-0021', 'glow', 78000)], payment: pay(30000, { reference: 'FACT 2026 0021 moins AVOIR 20260021', counterpartyIban: IBAN.glow }), top: ['a'], auto: false },
  { name: 'purchase order PO with invoice digits, exact amount, name only', invoices: [...noise, inv('a', 'FACT-2026-0031', 'nordik', 120000)], payment: pay(120000, { reference: 'PO 20260031', counterpartyName: 'NORDIK DESIGN' }), top: ['a'], auto: false },
  { name: 'BC order number with invoice digits, two invoices of that amount', invoices: [...noise, inv('a', 'FACT-2026-0032', 'lumiere', 80000), inv('b', 'FACT-2026-0033', 'glow', 80000, '2026-10-05', '2026-11-05')], payment: pay(80000, { reference: 'BC-2026-0033 livraison' }), top: ['b'], auto: false },
  { name: 'customer account number "client" with invoice digits', invoices: [...noise, inv('a', 'FACT-2026-0098', 'plain', 66000)], payment: pay(66000, { reference: 'Client 20260098' }), top: ['a'], auto: false },
  { name: 'quote number of an IBAN-known payer with an exact unique amount', invoices: [...noise, inv('a', 'FACT-2026-0090', 'glow', 54000)], payment: pay(54000, { reference: 'Acompte devis DEV-2026-0090', counterpartyIban: IBAN.glow }), top: ['a'], auto: false },
  { name: 'invoice and its order both named: the invoice wins', invoices: [...noise, inv('a', 'FACT-2026-0094', 'glow', 35000)], payment: pay(35000, { reference: 'Facture FACT-2026-0094 (commande 2026-0094)' }), top: ['a'], auto: true },

  // Identifiers that look like numbers
  { name: 'SIRET in the reference contains the digits of a bare-numbered invoice', invoices: [...noise, inv('a', '456789', 'plain', 50000)], payment: pay(50000, { reference: 'SIRET 123 456 789 00012 REGLEMENT' }), top: ['a'], auto: false },
  { name: "payer's own IBAN typed in the reference contains an invoice's digits", invoices: [...noise, inv('a', 'FA-4567-819', 'lumiere', 62000)], payment: pay(62000, { reference: 'RIB FR76 3000 4008 2300 0123 4567 819' }), top: ['a'], auto: false },
  { name: 'date in the reference equals the digits of an invoice', invoices: [...noise, inv('a', 'F-120326', 'plain', 50500)], payment: pay(50500, { reference: 'Virement du 12/03/26' }), top: ['a'], auto: false },
  { name: 'phone number in the label contains the digits of an invoice', invoices: [...noise, inv('a', 'FACT-0612-3456', 'plain', 43000)], payment: pay(43000, { label: 'CONTACT TEL 06 12 34 56 78' }), top: ['a'], auto: false },
  { name: 'invoice number followed by a phone number', invoices: [...noise, inv('a', 'FACT-2026-0095', 'glow', 27500)], payment: pay(27500, { reference: 'FACT-2026-0095 tel 06 12 34 56 78' }), top: ['a'], auto: true },
  { name: 'invoice number followed by its date', invoices: [...noise, inv('a', 'FACT-2026-0093', 'glow', 21000)], payment: pay(21000, { reference: 'Facture n° 2026-0093 du 15/10/2026' }), top: ['a'], auto: true },

  // Typos and OCR'd digits
  { name: 'transposed digits name another client invoice; IBAN and amount say the right one', invoices: [...noise, inv('a', 'FACT-2026-0042', 'glow', 150000), inv('b', 'FACT-2026-0024', 'lumiere', 99000)], payment: pay(150000, { reference: 'FACT-2026-0024', counterpartyIban: IBAN.glow }), top: ['a'], auto: false },
  { name: 'OCR letter O for zero', invoices: [...noise, inv('a', 'FACT-2026-0042', 'glow', 150000)], payment: pay(150000, { reference: 'FACT-2O26-OO42' }), top: ['a'], auto: false },
  { name: 'OCR letter l for one', invoices: [...noise, inv('a', 'FACT-2026-0111', 'glow', 33000)], payment: pay(33000, { reference: 'FACT 2026 0l11' }), top: ['a'], auto: false },
  { name: 'missing digit in the reference, payer named', invoices: [...noise, inv('a', 'FACT-2026-0042', 'glow', 150000)], payment: pay(150000, { reference: 'FACT-2026-042', counterpartyName: 'GLOW COSMETICS' }), top: ['a'], auto: false },
  { name: 'digits fused without prefix', invoices: [...noise, inv('a', 'FACT-2026-0089', 'glow', 18000)], payment: pay(18000, { reference: '20260089' }), top: ['a'], auto: false },

  // Payers with titles, nicknames, ligatures
  { name: 'payer with civil title M.', invoices: [...noise, inv('a', 'FACT-2026-0200', 'durand', 12000)], payment: pay(12000, { counterpartyName: 'M. PATRICK DURAND' }), top: ['a'], auto: false },
  { name: 'payer "MR OU MME" with reversed names', invoices: [...noise, inv('a', 'FACT-2026-0201', 'durand', 12500)], payment: pay(12500, { counterpartyName: 'MR OU MME DURAND PATRICK' }), top: ['a'], auto: false },
  { name: 'payer with title Dr', invoices: [...noise, inv('a', 'FACT-2026-0202', 'martin', 9900), inv('b', 'FACT-2026-0203', 'plain', 9900, '2026-09-01', '2026-09-30')], payment: pay(9900, { counterpartyName: 'DR MARTIN SOPHIE' }), top: ['a'], auto: false },
  { name: 'ligature œ in the client, oe in the bank', invoices: [...noise, inv('a', 'FACT-2026-0210', 'coeur', 99000, '2026-10-25', '2026-11-25')], payment: pay(99000, { counterpartyName: 'COEUR DE LIN' }), top: ['a'], auto: false },
  { name: 'ligature œ in the bank, oe in the client', invoices: [...noise, inv('a', 'FACT-2026-0211', 'oeuvre', 41000)], payment: pay(41000, { counterpartyName: 'ŒUVRE VIVE SAS' }), top: ['a'], auto: false },
  { name: 'ß spelled ss', invoices: [...noise, inv('a', 'FACT-2026-0212', 'gross', 72000, '2026-10-02', '2026-11-01')], payment: pay(72000, { counterpartyName: 'GROSSMANN TECHNIK' }), top: ['a'], auto: false },
  { name: 'ø spelled o', invoices: [...noise, inv('a', 'FACT-2026-0213', 'soren', 45000, '2026-10-03', '2026-11-02')], payment: pay(45000, { counterpartyName: 'SOREN ORSTED CONSEIL' }), top: ['a'], auto: false },
  { name: 'nickname: only one word of the client name, same amount elsewhere', invoices: [...noise, inv('a', 'FACT-2026-0220', 'verde', 45000, '2026-10-10', '2026-11-10')], payment: pay(45000, { counterpartyName: 'VERDE' }), top: ['a'], auto: false },
  { name: 'nickname learned from history', invoices: [...noise, inv('a', 'FACT-2026-0221', 'durand', 13000)], history: [{ counterpartyName: 'PAT DURAND', clientId: 'durand' }], payment: pay(13000, { counterpartyName: 'PAT DURAND' }), top: ['a'], auto: false },

  // Conflicts and ambiguity
  { name: 'conflicting IBAN and reference: parent pays a subsidiary invoice', invoices: [...noise, inv('a', 'FACT-2026-0300', 'lumiere', 64000), inv('b', 'FACT-2026-0301', 'glow', 64000)], payment: pay(64000, { reference: 'FACT-2026-0300', counterpartyIban: IBAN.glow }), top: ['a'], auto: false },
  { name: 'two invoices named for the amount of one', invoices: [...noise, inv('a', 'FACT-2026-0050', 'glow', 40000), inv('b', 'FACT-2026-0051', 'glow', 25000, '2026-10-10', '2026-11-10')], payment: pay(40000, { reference: 'FACT-2026-0050 FACT-2026-0051' }), top: ['a'], auto: false },
  { name: 'two invoices named for their sum', invoices: [...noise, inv('a', 'FACT-2026-0052', 'glow', 40000), inv('b', 'FACT-2026-0053', 'glow', 25000)], payment: pay(65000, { reference: 'FACT-2026-0052 FACT-2026-0053' }), top: ['a', 'b'], auto: true },
  { name: 'abbreviated continuation list', invoices: [...noise, inv('a', 'FACT-2026-0096', 'glow', 11000), inv('b', 'FACT-2026-0097', 'glow', 22000)], payment: pay(33000, { reference: 'FACT-2026-0096 + 0097' }), top: ['a', 'b'], auto: true },
  { name: 'known IBAN, two open invoices of that amount', invoices: [...noise, inv('a', 'FACT-2026-0310', 'glow', 52000, '2026-09-01', '2026-10-01'), inv('b', 'FACT-2026-0311', 'glow', 52000)], payment: pay(52000, { counterpartyIban: IBAN.glow }), top: ['a'], auto: false },
  { name: 'same amount at two clients, unknown private payer paying the newer', invoices: [...noise, inv('a', 'FACT-2026-0320', 'plain', 87000, '2026-09-01', '2026-10-01'), inv('b', 'FACT-2026-0321', 'verde', 87000)], payment: pay(87000, { counterpartyName: 'PARTICULIER', counterpartyIban: IBAN.unknown }), top: ['b'], auto: false },
  { name: 'grouped payment of two invoices that are not the oldest', invoices: [...noise, inv('a', 'FACT-2026-0330', 'glow', 30000, '2026-08-01', '2026-08-31'), inv('b', 'FACT-2026-0331', 'glow', 45000), inv('c', 'FACT-2026-0332', 'glow', 25000, '2026-10-05', '2026-11-05')], payment: pay(70000, { counterpartyIban: IBAN.glow, reference: 'Factures' }), top: ['b', 'c'], auto: false },
  { name: 'unrelated income of the amount of an open invoice', invoices: [...noise, inv('a', 'FACT-2026-0340', 'glow', 150000)], payment: pay(150000, { label: 'URSSAF', reference: 'REMBOURSEMENT 2026', counterpartyName: 'URSSAF' }), top: 'none', auto: false },
  { name: 'INV-10 is not INV-1, both of the same amount', invoices: [...noise, inv('a', 'INV-1', 'plain', 5000), inv('b', 'INV-10', 'plain', 5000, '2026-10-02', '2026-11-01')], payment: pay(5000, { reference: 'INV-10' }), top: ['b'], auto: true },
  { name: 'short number typed without prefix', invoices: [...noise, inv('a', 'INV-7', 'plain', 7000)], payment: pay(7000, { reference: 'facture 7' }), top: ['a'], auto: false },

  // Amounts one cent off
  { name: 'one cent short of a named invoice', invoices: [...noise, inv('a', 'FACT-2026-0060', 'glow', 150000)], payment: pay(149999, { reference: 'FACT-2026-0060' }), top: ['a'], auto: false },
  { name: 'one cent over a named invoice', invoices: [...noise, inv('a', 'FACT-2026-0061', 'glow', 150000)], payment: pay(150001, { reference: 'FACT-2026-0061' }), top: ['a'], auto: false },
  { name: 'one cent short, IBAN only', invoices: [...noise, inv('a', 'FACT-2026-0062', 'glow', 150000)], payment: pay(149999, { counterpartyIban: IBAN.glow }), top: ['a'], auto: false },

  // Huge remittance texts
  { name: 'huge remittance text with one invoice number', invoices: [...noise, inv('a', 'FACT-2026-0070', 'glow', 67500)], payment: pay(67500, { reference: `Règlement FACT-2026-0070 ${lorem.repeat(6)}` }), top: ['a'], auto: true },
  { name: 'huge remittance listing ten invoices for their sum', invoices: [...noise, ...Array.from({ length: 10 }, (_, k) => inv(`g${k}`, `FACT-2026-07${String(k).padStart(2, '0')}`, 'glow', 10000 + k * 100))], payment: pay(104500, { reference: `Paiement des factures ${Array.from({ length: 10 }, (_, k) => `FACT-2026-07${String(k).padStart(2, '0')}`).join(', ')} ${lorem.repeat(3)}` }), top: Array.from({ length: 10 }, (_, k) => `g${k}`), auto: true },

  // Days at midnight (Europe/Paris)
  { name: 'paid at 00:30 Paris on the issue day', invoices: [...noise, inv('a', 'FACT-2026-0080', 'glow', 23000, '2026-11-20', '2026-12-20')], payment: pay(23000, { reference: 'FACT-2026-0080', settledAt: '2026-11-19T23:30:00Z' }), top: ['a'], auto: true },
  { name: 'paid at 23:59 Paris the day before the issue day', invoices: [...noise, inv('a', 'FACT-2026-0081', 'glow', 23100, '2026-11-20', '2026-12-20')], payment: pay(23100, { reference: 'FACT-2026-0081', settledAt: '2026-11-19T22:59:00Z' }), top: ['a'], auto: false },
  { name: 'paid just after midnight on the spring DST day', invoices: [...noise, inv('a', 'FACT-2026-0082', 'glow', 23200, '2026-03-29', '2026-04-29')], payment: pay(23200, { reference: 'FACT-2026-0082', settledAt: '2026-03-28T23:10:00Z' }), top: ['a'], auto: true },
  { name: 'paid just after midnight on the autumn DST day', invoices: [...noise, inv('a', 'FACT-2026-0083', 'glow', 23300, '2026-10-25', '2026-11-25')], payment: pay(23300, { reference: 'FACT-2026-0083', settledAt: '2026-10-24T22:10:00Z' }), top: ['a'], auto: true },

  // Controls: what must keep working
  { name: 'plain full reference', invoices: [...noise, inv('a', 'FACT-2026-0040', 'glow', 150000)], payment: pay(150000, { reference: 'VIR SEPA FACT-2026-0040 MERCI' }), top: ['a'], auto: true },
  { name: 'full-width characters', invoices: [...noise, inv('a', 'FACT-2026-0091', 'glow', 19000)], payment: pay(19000, { reference: 'ＦＡＣＴ－２０２６－００９１' }), top: ['a'], auto: true },
  { name: 'en dashes in the number', invoices: [...noise, inv('a', 'FACT-2026-0092', 'glow', 19100)], payment: pay(19100, { reference: 'FACT–2026–0092' }), top: ['a'], auto: true },
  { name: 'bare number of a host without prefix', invoices: [...noise, inv('a', '2026-0088', 'plain', 17000)], payment: pay(17000, { reference: 'Paiement 2026-0088' }), top: ['a'], auto: true },
]
