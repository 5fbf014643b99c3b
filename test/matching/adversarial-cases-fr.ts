/**
 * Thirty-one more hand-written cases, from how French payers really write a transfer: the 140
 * characters of a SEPA remittance (banks cut the rest, often in the middle of a number), "FCT",
 * "RGLT", "Fact. n°", lists and ranges of invoice numbers, a group company paying for its
 * subsidiaries, factoring companies (affacturage: the factor pays, or advances 90 %), early-payment
 * discounts (escompte 2 % or 3 %), instalments ("échéance 1/3", "solde") and credit notes netted
 * ("- AV"). Kept apart from the generated ledgers; the expected answer (`top`, `auto`, same meaning as
 * adversarial-cases.ts) was written by hand before running the engine on them.
 */
import type { Client, Invoice, Payment } from '../../src/domain/matching/index.js'
import { ADVERSARIAL_CLIENTS, IBAN, type AdversarialCase } from './adversarial-cases.js'

export const HOLDING_IBAN = 'FR7630006000011234567890189'
/** The adversarial clients and a holding that pays for its subsidiaries (Maison Lumière, Atelier Verde). */
export const FR_CLIENTS: Client[] = [...ADVERSARIAL_CLIENTS, { id: 'holding', name: 'Groupe Lumière Holding', ibans: [HOLDING_IBAN] }]

const inv = (id: string, number: string, clientId: string, totalCents: number, extra: Partial<Invoice> = {}): Invoice => ({
  id, number, clientId, totalCents, issueDate: '2026-10-01', dueDate: '2026-10-31', status: 'ENVOYE', currency: 'EUR', ...extra,
})
const pay = (amountCents: number, fields: Partial<Payment> = {}): Payment => ({
  id: 'tx', amountCents, side: 'credit', currency: 'EUR', settledAt: '2026-11-05T10:00:00Z', ...fields,
})
const noise = [
  inv('n1', 'FACT-2026-4900', 'nordik', 45000, { issueDate: '2026-09-01', dueDate: '2026-09-30' }),
  inv('n2', 'FACT-2026-4901', 'plain', 72000, { issueDate: '2026-09-15', dueDate: '2026-10-15' }),
  inv('n3', 'FACT-2026-4902', 'lumiere', 99000, { issueDate: '2026-10-20', dueDate: '2026-11-20' }),
  inv('n4', 'FACT-2026-4903', 'holding', 360000, { issueDate: '2026-09-10', dueDate: '2026-10-10' }),
]
/** A bank's 140 characters: what the payer typed after their own words, cut where the bank cuts. */
const cut140 = (text: string) => text.slice(0, 140)
const filler = 'VIREMENT SEPA EMIS PAR GLOW COSMETICS SAS SERVICE COMPTABILITE FOURNISSEURS 75008 PARIS REF INTERNE 2026-Q4 LOT 7 '

export const FRENCH_REMITTANCE_CASES: AdversarialCase[] = [
  // 140 characters and truncation
  { name: 'remittance cut at 140 characters in the middle of the number, known IBAN, unique amount', invoices: [...noise, inv('a', 'FACT-2026-4412', 'glow', 64200)], payment: pay(64200, { reference: cut140(`${filler}FACT-2026-4412`), counterpartyIban: IBAN.glow }), top: ['a'], auto: true },
  { name: 'list of three cut at 140 characters, the third number lost, known IBAN', invoices: [...noise, inv('a', 'FACT-2026-4415', 'glow', 21000), inv('b', 'FACT-2026-4416', 'glow', 22000, { issueDate: '2026-10-02' }), inv('c', 'FACT-2026-4417', 'glow', 23000, { issueDate: '2026-10-03' })], payment: pay(66000, { reference: cut140(`${filler.slice(0, 105)} FACT 2026-4415, 2026-4416, 2026-4417`), counterpartyIban: IBAN.glow }), top: ['a', 'b', 'c'], auto: false },
  { name: 'payer name cut by the bank ("GLOW COSMETI"), no IBAN, unique amount', invoices: [...noise, inv('a', 'FACT-2026-4418', 'glow', 57300)], payment: pay(57300, { counterpartyName: 'GLOW COSMETI' }), top: ['a'], auto: false },

  // Abbreviations
  { name: 'RGLT FCT with a spaced number', invoices: [...noise, inv('a', 'FACT-2026-4510', 'glow', 31000)], payment: pay(31000, { reference: 'RGLT FCT 2026 4510' }), top: ['a'], auto: true },
  { name: '"Fact. n°" with a slash', invoices: [...noise, inv('a', 'FACT-2026-4511', 'lumiere', 32000)], payment: pay(32000, { reference: 'Fact. n°2026/4511' }), top: ['a'], auto: true },
  { name: 'FAC glued to the last digits only, known IBAN', invoices: [...noise, inv('a', 'FACT-2026-4512', 'glow', 33000), inv('b', 'FACT-2026-4513', 'glow', 34000)], payment: pay(33000, { reference: 'FAC4512', counterpartyIban: IBAN.glow }), top: ['a'], auto: true },
  { name: 'short numbers "facture 514 et 515" of a payer known by name', invoices: [...noise, inv('a', 'FACT-2026-0514', 'nordik', 12000), inv('b', 'FACT-2026-0515', 'nordik', 13000, { issueDate: '2026-10-02' }), inv('c', 'FACT-2026-0516', 'nordik', 25000, { issueDate: '2026-10-03' })], payment: pay(25000, { reference: 'Reglement facture 514 et 515', counterpartyName: 'NORDIK DESIGN' }), top: ['a', 'b'], auto: false },

  // Lists and ranges
  { name: 'range "FACT 2026-4520 A 4523" paid in one transfer, known IBAN', invoices: [...noise, inv('a', 'FACT-2026-4520', 'glow', 10000), inv('b', 'FACT-2026-4521', 'glow', 11000, { issueDate: '2026-10-02' }), inv('c', 'FACT-2026-4522', 'glow', 12000, { issueDate: '2026-10-03' }), inv('d', 'FACT-2026-4523', 'glow', 13000, { issueDate: '2026-10-04' })], payment: pay(46000, { reference: 'FACT 2026-4520 A 4523', counterpartyIban: IBAN.glow }), top: ['a', 'b', 'c', 'd'], auto: false },
  { name: 'slash list "FACT-2026-4530/4531/4532"', invoices: [...noise, inv('a', 'FACT-2026-4530', 'lumiere', 15000), inv('b', 'FACT-2026-4531', 'lumiere', 16000, { issueDate: '2026-10-02' }), inv('c', 'FACT-2026-4532', 'lumiere', 17000, { issueDate: '2026-10-03' })], payment: pay(48000, { reference: 'FACT-2026-4530/4531/4532' }), top: ['a', 'b', 'c'], auto: false },
  { name: '"Factures 2026-4540, 2026-4541 et 2026-4542" for their sum', invoices: [...noise, inv('a', 'FACT-2026-4540', 'glow', 15500), inv('b', 'FACT-2026-4541', 'glow', 16500), inv('c', 'FACT-2026-4542', 'glow', 17500)], payment: pay(49500, { reference: 'Factures 2026-4540, 2026-4541 et 2026-4542' }), top: ['a', 'b', 'c'], auto: true },
  { name: 'short numbers listed "FCT 550 551 552", known IBAN, exact sum', invoices: [...noise, inv('a', 'FACT-2026-0550', 'glow', 20000), inv('b', 'FACT-2026-0551', 'glow', 21000, { issueDate: '2026-10-02' }), inv('c', 'FACT-2026-0552', 'glow', 22000, { issueDate: '2026-10-03' }), inv('d', 'FACT-2026-0553', 'glow', 20000, { issueDate: '2026-10-04' })], payment: pay(63000, { reference: 'FCT 550 551 552', counterpartyIban: IBAN.glow }), top: ['a', 'b', 'c'], auto: false },

  // A group company pays for its subsidiaries
  { name: 'holding pays a subsidiary invoice it names, exact amount', invoices: [...noise, inv('a', 'FACT-2026-4600', 'lumiere', 64000)], payment: pay(64000, { reference: 'FACT-2026-4600 MAISON LUMIERE', counterpartyIban: HOLDING_IBAN, counterpartyName: 'GROUPE LUMIERE HOLDING' }), top: ['a'], auto: false },
  { name: 'holding pays two subsidiaries in one transfer naming both', invoices: [...noise, inv('a', 'FACT-2026-4601', 'lumiere', 30000), inv('b', 'FACT-2026-4602', 'verde', 41000)], payment: pay(71000, { reference: 'FACT 2026-4601 + 4602', counterpartyIban: HOLDING_IBAN }), top: ['a', 'b'], auto: false },
  { name: 'holding pays the amount of a subsidiary invoice without a reference', invoices: [...noise, inv('a', 'FACT-2026-4603', 'verde', 28700)], payment: pay(28700, { counterpartyIban: HOLDING_IBAN, counterpartyName: 'GROUPE LUMIERE HOLDING' }), top: ['a'], auto: false },
  { name: 'holding whose own invoice has the amount of the subsidiary invoice it names', invoices: [...noise, inv('a', 'FACT-2026-4604', 'lumiere', 36000), inv('b', 'FACT-2026-4605', 'holding', 36000, { issueDate: '2026-09-20', dueDate: '2026-10-20' })], payment: pay(36000, { reference: 'REGLT FACT 2026-4604', counterpartyIban: HOLDING_IBAN }), top: ['a'], auto: false },

  // Factoring (affacturage)
  { name: 'factoring company pays the whole invoice with its remittance number and the invoice number', invoices: [...noise, inv('a', 'FACT-2026-4700', 'glow', 150000)], payment: pay(150000, { reference: 'REMISE 2026-118 FACT-2026-4700', counterpartyName: 'BPIFRANCE FACTORING', counterpartyIban: IBAN.unknown }), top: ['a'], auto: true },
  { name: 'factoring company advances 90 % of a named invoice', invoices: [...noise, inv('a', 'FACT-2026-4701', 'glow', 200000)], payment: pay(180000, { reference: 'FINANCEMENT 90% FACT-2026-4701', counterpartyName: 'CGA FACTORING' }), top: ['a'], auto: false },
  { name: 'factoring batch naming short numbers only, unknown payer', invoices: [...noise, inv('a', 'FACT-2026-4702', 'glow', 40000), inv('b', 'FACT-2026-4703', 'nordik', 50000)], payment: pay(90000, { reference: 'REMISE N 4521 FACTURES 4702 4703', counterpartyName: 'EULER HERMES FACTOR' }), top: ['a', 'b'], auto: false },

  // Early-payment discounts (escompte)
  { name: 'escompte 2 % on 1 000 € named invoice (20 € short)', invoices: [...noise, inv('a', 'FACT-2026-4800', 'glow', 100000)], payment: pay(98000, { reference: 'FACT-2026-4800 escompte 2%' }), top: ['a'], auto: false },
  { name: 'escompte 3 % on 2 500 € named invoice (75 € short)', invoices: [...noise, inv('a', 'FACT-2026-4801', 'glow', 250000)], payment: pay(242500, { reference: 'FACT 2026 4801 ESC 3%' }), top: ['a'], auto: false },
  { name: 'escompte 2 % without reference, known IBAN', invoices: [...noise, inv('a', 'FACT-2026-4802', 'glow', 80000), inv('b', 'FACT-2026-4803', 'glow', 45000)], payment: pay(78400, { counterpartyIban: IBAN.glow }), top: ['a'], auto: false },

  // Instalments
  { name: '"ECHEANCE 1/3" of a named invoice', invoices: [...noise, inv('a', 'FACT-2026-4810', 'glow', 90000)], payment: pay(30000, { reference: 'ECHEANCE 1/3 FACT-2026-4810' }), top: ['a'], auto: false },
  { name: '"ECH 2/3" after a first instalment already allocated', invoices: [...noise, inv('a', 'FACT-2026-4811', 'glow', 90000, { paidCents: 30000, status: 'PARTIELLEMENT_PAYE' })], payment: pay(30000, { reference: 'ECH 2/3 FACT 2026 4811' }), top: ['a'], auto: false },
  { name: '"SOLDE" of a named invoice for exactly what is left', invoices: [...noise, inv('a', 'FACT-2026-4812', 'glow', 90000, { paidCents: 60000, status: 'PARTIELLEMENT_PAYE' })], payment: pay(30000, { reference: 'SOLDE FACT-2026-4812' }), top: ['a'], auto: true },
  { name: 'monthly subscription, two months of the same amount, known IBAN, no number', invoices: [...noise, inv('a', 'FACT-2026-4813', 'glow', 19900, { issueDate: '2026-09-01', dueDate: '2026-09-30' }), inv('b', 'FACT-2026-4814', 'glow', 19900)], payment: pay(19900, { reference: 'PRLV ABONNEMENT OCTOBRE', counterpartyIban: IBAN.glow }), top: ['a'], auto: false },

  // Credit notes netted
  { name: 'invoice minus a credit note "FACT-2026-4820 - AV-2026-0010"', invoices: [...noise, inv('a', 'FACT-2026-4820', 'glow', 120000)], payment: pay(100000, { reference: 'FACT-2026-4820 - AV-2026-0010' }), top: ['a'], auto: false },
  { name: 'credit note carrying the same digits as the invoice it reduces', invoices: [...noise, inv('a', 'FACT-2026-4821', 'glow', 50000)], payment: pay(40000, { reference: 'Fact 2026-4821 deduction avoir 2026-4821' }), top: ['a'], auto: false },
  { name: 'two invoices minus a credit note: named, paid less than their total', invoices: [...noise, inv('a', 'FACT-2026-4822', 'glow', 30000), inv('b', 'FACT-2026-4823', 'glow', 20000, { issueDate: '2026-10-02' })], payment: pay(45000, { reference: 'FACT 2026-4822 + 4823 - AVOIR 15' }), top: ['a', 'b'], auto: false },
  { name: 'credit note refunded alone, its number only, amount of an open invoice', invoices: [...noise, inv('a', 'FACT-2026-4824', 'glow', 15000)], payment: pay(15000, { reference: 'REMB AVOIR AV-2026-4824', counterpartyIban: IBAN.glow }), top: ['a'], auto: false },

  // How French banks present the rest
  { name: 'bank prefix, "M OU MME", and "REF FACTURE" before the number', invoices: [...noise, inv('a', 'FACT-2026-4830', 'durand', 12700)], payment: pay(12700, { reference: 'VIR SEPA DE M OU MME DURAND PATRICK REF FACTURE 2026 4830', counterpartyName: 'M OU MME DURAND PATRICK' }), top: ['a'], auto: true },
  { name: 'number, its date and an amount written "1.250,00 EUR" in the remittance', invoices: [...noise, inv('a', 'F-2026-4831', 'plain', 125000)], payment: pay(125000, { reference: 'REGLEMENT FACTURE N° F-2026-4831 DU 15/10/26 MONTANT 1.250,00 EUR' }), top: ['a'], auto: true },
  { name: 'order number of the payer that equals another invoice\'s digits, plus the right invoice', invoices: [...noise, inv('a', 'FACT-2026-4832', 'glow', 47000), inv('b', 'FACT-2026-4833', 'lumiere', 47000)], payment: pay(47000, { reference: 'CDE 2026-4833 FACT 2026-4832' }), top: ['a'], auto: true },
]
