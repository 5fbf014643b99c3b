/**
 * Every reason, every "not sure because" and every method, written in French and in English from
 * the same code and parameters (hand-written expectations). A new code without its sentences, or a
 * parameter of the wrong type, does not compile (the tables below are keyed by every code).
 */
import { describe, expect, it } from 'vitest'
import { dayIn, englishDay, frenchDay } from '../../src/domain/dates.js'
import { formatEuros, formatEurosEnglish, formatEurosIn } from '../../src/domain/money.js'
import {
  confidenceTextIn,
  explainResult,
  explainSuggestion,
  LEARNING_TEXTS,
  methodWord,
  notSureText,
  reasonLabel,
  suggestMatches,
  type MatchMethod,
  type NotSure,
  type NotSureCode,
  type ReasonCode,
  type ReasonFact,
  type SuggestionFacts,
} from '../../src/domain/matching/index.js'

const NB = '\u00a0'
const NNB = '\u202f'
const none = {} as Record<string, never>

type Case<F> = { fact: F; fr: string; en: string }

const REASONS: { [C in ReasonCode]: Case<Extract<ReasonFact, { code: C }>> } = {
  REFERENCE_FOUND: {
    fact: { code: 'REFERENCE_FOUND', params: { number: 'FACT-2026-110', where: 'référence' } },
    fr: 'Référence FACT-2026-110 trouvée dans le motif du virement',
    en: 'Reference FACT-2026-110 found in the transfer reference',
  },
  REFERENCE_RF: {
    fact: { code: 'REFERENCE_RF', params: { number: '12', where: 'libellé' } },
    fr: 'Référence structurée RF de la facture 12 (clé de contrôle vérifiée) trouvée dans le libellé',
    en: 'Structured RF reference of invoice 12 (check digits verified) found in the transfer label',
  },
  SHORT_REFERENCE_FOUND: {
    fact: { code: 'SHORT_REFERENCE_FOUND', params: { number: 'FACT-2026-110' } },
    fr: 'Numéro abrégé de la facture FACT-2026-110 trouvé dans le motif',
    en: 'Shortened number of invoice FACT-2026-110 found in the transfer reference',
  },
  REFERENCE_PARTIAL: {
    fact: { code: 'REFERENCE_PARTIAL', params: { number: 'FACT-2026-110', shown: '2026110', why: 'digits-only' } },
    fr: 'Chiffres 2026110 de la facture FACT-2026-110 trouvés sans son préfixe : à vérifier',
    en: 'Digits 2026110 of invoice FACT-2026-110 found without its prefix: to check',
  },
  REFERENCE_OTHER_DOCUMENT: {
    fact: { code: 'REFERENCE_OTHER_DOCUMENT', params: { number: 'FACT-2026-110', shown: 'DEV-2026-110', what: 'devis' } },
    fr: "Le numéro DEV-2026-110 du virement est celui d'un devis, pas de la facture FACT-2026-110 : jamais appliqué automatiquement",
    en: 'The number DEV-2026-110 in the transfer is that of a quote, not of invoice FACT-2026-110: never applied automatically',
  },
  CLIENT_IBAN: { fact: { code: 'CLIENT_IBAN', params: { client: 'Glow Cosmetics SAS' } }, fr: 'IBAN connu du client Glow Cosmetics SAS', en: 'Known IBAN of client Glow Cosmetics SAS' },
  CLIENT_NAME: {
    fact: { code: 'CLIENT_NAME', params: { client: 'Glow Cosmetics SAS', similarity: 92 } },
    fr: "Nom de l'émetteur proche du client Glow Cosmetics SAS (92 %)",
    en: "Sender's name close to client Glow Cosmetics SAS (92%)",
  },
  CLIENT_HISTORY: {
    fact: { code: 'CLIENT_HISTORY', params: { client: 'Glow Cosmetics SAS' } },
    fr: 'Émetteur déjà rapproché du client Glow Cosmetics SAS par le passé',
    en: 'Sender already matched to client Glow Cosmetics SAS in the past',
  },
  CLIENT_MISMATCH: {
    fact: { code: 'CLIENT_MISMATCH', params: { invoiceClient: 'Atelier Nord', payerClient: 'Glow Cosmetics SAS' } },
    fr: 'Facture du client Atelier Nord, mais le payeur semble être Glow Cosmetics SAS',
    en: 'Invoice of client Atelier Nord, but the payer seems to be Glow Cosmetics SAS',
  },
  AMOUNT_EXACT: { fact: { code: 'AMOUNT_EXACT', params: { cents: 123456 } }, fr: `Montant identique (1${NNB}234,56${NB}€)`, en: 'Same amount (€1,234.56)' },
  AMOUNT_SHORT_FEES: {
    fact: { code: 'AMOUNT_SHORT_FEES', params: { gapCents: 150 } },
    fr: `Écart de 1,50${NB}€ : frais bancaires probables`,
    en: 'Difference of €1.50: probably bank fees',
  },
  AMOUNT_USUAL_SHORTFALL: {
    fact: { code: 'AMOUNT_USUAL_SHORTFALL', params: { gapCents: 2500 } },
    fr: `Écart de 25,00${NB}€ : l'écart habituel de ce payeur (appris de ses paiements confirmés)`,
    en: "Difference of €25.00: this payer's usual difference (learned from their confirmed payments)",
  },
  AMOUNT_PARTIAL: { fact: { code: 'AMOUNT_PARTIAL', params: { remainingCents: 98000 } }, fr: `Paiement partiel : reste 980,00${NB}€`, en: 'Partial payment: €980.00 left' },
  AMOUNT_OVERPAID: {
    fact: { code: 'AMOUNT_OVERPAID', params: { excessCents: 2000 } },
    fr: `Trop-perçu de 20,00${NB}€ laissé non affecté`,
    en: 'Overpayment of €20.00 left unallocated',
  },
  AMOUNT_GROUP_EXACT: {
    fact: { code: 'AMOUNT_GROUP_EXACT', params: { count: 3, cents: 450000 } },
    fr: `Total de 3 factures égal au montant (4${NNB}500,00${NB}€)`,
    en: 'Total of 3 invoices equal to the amount (€4,500.00)',
  },
  AMOUNT_ONLY: { fact: { code: 'AMOUNT_ONLY', params: none }, fr: 'Seul le montant correspond : à vérifier', en: 'Only the amount matches: to check' },
  SAME_AMOUNT_ELSEWHERE: {
    fact: { code: 'SAME_AMOUNT_ELSEWHERE', params: { others: 2 } },
    fr: '2 autres factures ouvertes du même montant',
    en: '2 other open invoices of the same amount',
  },
  DATE_BEFORE_ISSUE: {
    fact: { code: 'DATE_BEFORE_ISSUE', params: { issueDate: '2026-11-02' } },
    fr: "Paiement reçu avant l'émission de la facture (02/11/2026)",
    en: 'Payment received before the invoice was issued (2 Nov 2026)',
  },
  OLDEST_OPEN: { fact: { code: 'OLDEST_OPEN', params: none }, fr: 'Ce sont les factures ouvertes les plus anciennes du client', en: "These are the client's oldest open invoices" },
  DUPLICATE_PAYMENT: {
    fact: { code: 'DUPLICATE_PAYMENT', params: { day: '2026-11-20', invoices: ['FACT-2026-020'] } },
    fr: "Doublon probable du paiement du 20/11/2026 déjà appliqué à FACT-2026-020 : même payeur, même montant, même facture. Jamais appliqué automatiquement ; s'il s'agit d'un trop-perçu, expliquez-le (avoir ou remboursement).",
    en: 'Probable duplicate of the payment of 20 Nov 2026 already applied to FACT-2026-020: same payer, same amount, same invoice. Never applied automatically; if it is an overpayment, explain it (credit note or refund).',
  },
  CREDIT_APPLIED: { fact: { code: 'CREDIT_APPLIED', params: { invoice: 'FACT-2026-030' } }, fr: 'Avoir du trop-perçu imputé sur FACT-2026-030', en: 'Overpayment credit applied to FACT-2026-030' },
  CLIENT_LEARNED: {
    fact: { code: 'CLIENT_LEARNED', params: { client: 'Atelier Nord', by: 'iban', learnedOn: '2026-11-20' } },
    fr: "IBAN de l'émetteur reconnu comme payeur du client Atelier Nord : appris de votre rapprochement du 20/11/2026",
    en: "Sender's IBAN recognised as paying for client Atelier Nord: learned from your match of 20 Nov 2026",
  },
  REFERENCE_HABIT: {
    fact: { code: 'REFERENCE_HABIT', params: { number: 'F-2026-0125', shown: '125/2026', example: '123/2026', learnedOn: '2026-11-20' } },
    fr: "125/2026 : la facture F-2026-0125 écrite comme ce payeur l'écrit (« 123/2026 », appris de votre rapprochement du 20/11/2026)",
    en: '125/2026: invoice F-2026-0125 written the way this payer writes it ("123/2026", learned from your match of 20 Nov 2026)',
  },
}

const NOT_SURE: { [C in NotSureCode]: Case<Extract<NotSure, { code: C }>> } = {
  CLIENT_MISMATCH: { fact: { code: 'CLIENT_MISMATCH', params: none }, fr: "facture d'un autre client que le payeur", en: 'invoice of another client than the payer' },
  BEFORE_ISSUE: { fact: { code: 'BEFORE_ISSUE', params: none }, fr: 'paiement antérieur à la facture', en: 'payment earlier than the invoice' },
  PARTIAL: { fact: { code: 'PARTIAL', params: { remainingCents: 98000 } }, fr: `paiement partiel : reste 980,00${NB}€ dus`, en: 'partial payment: €980.00 still due' },
  GAP: { fact: { code: 'GAP', params: { gapCents: 150, invoices: 1 } }, fr: `écart de 1,50${NB}€`, en: 'difference of €1.50' },
  OVERPAID: { fact: { code: 'OVERPAID', params: { excessCents: 2000 } }, fr: `trop-perçu de 20,00${NB}€`, en: 'overpayment of €20.00' },
  GROUP_NOT_ALL_NAMED: {
    fact: { code: 'GROUP_NOT_ALL_NAMED', params: none },
    fr: 'factures regroupées sans que le virement les cite toutes',
    en: 'invoices grouped although the transfer does not name them all',
  },
  NAMES_ANOTHER_INVOICE: { fact: { code: 'NAMES_ANOTHER_INVOICE', params: none }, fr: 'le virement cite aussi une autre facture', en: 'the transfer also names another invoice' },
  NAME_POINTS_ELSEWHERE: {
    fact: { code: 'NAME_POINTS_ELSEWHERE', params: { clients: 2, invoices: 1 } },
    fr: "le nom du payeur ressemble à 2 clients, aucun n'est celui de la facture citée",
    en: "the payer's name resembles 2 clients, none of which owns the named invoice",
  },
  PAYER_POINTS_ELSEWHERE: {
    fact: { code: 'PAYER_POINTS_ELSEWHERE', params: { by: 'iban-history', clients: 3, invoices: 2 } },
    fr: "cet IBAN a déjà payé pour 3 clients, une des factures citées n'est à aucun d'eux",
    en: 'this IBAN has paid for 3 clients before, one of the named invoices belongs to none of them',
  },
  INCOMPLETE_NUMBER: { fact: { code: 'INCOMPLETE_NUMBER', params: none }, fr: 'numéro de facture incomplet dans le virement', en: 'incomplete invoice number in the transfer' },
  NAMES_OTHER_DOCUMENT: {
    fact: { code: 'NAMES_OTHER_DOCUMENT', params: none },
    fr: 'le virement cite un autre document (devis, avoir, commande)',
    en: 'the transfer names another document (quote, credit note, order)',
  },
  SAME_AMOUNT_INVOICES: { fact: { code: 'SAME_AMOUNT_INVOICES', params: { count: 2 } }, fr: '2 factures de ce montant pour ce client', en: '2 invoices of this amount for this client' },
  NO_INVOICE_NUMBER: { fact: { code: 'NO_INVOICE_NUMBER', params: none }, fr: 'aucun numéro de facture dans le virement', en: 'no invoice number in the transfer' },
  PAYER_GROUP_FITS: { fact: { code: 'PAYER_GROUP_FITS', params: none }, fr: "d'autres factures de ce client font aussi ce montant ensemble", en: 'other invoices of this client add up to this amount too' },
  NO_NUMBER_NOR_IBAN: {
    fact: { code: 'NO_NUMBER_NOR_IBAN', params: none },
    fr: 'ni numéro de facture dans le virement, ni IBAN connu du client',
    en: "neither an invoice number in the transfer nor a client's known IBAN",
  },
  BETTER_SUGGESTION_FIRST: { fact: { code: 'BETTER_SUGGESTION_FIRST', params: none }, fr: 'une meilleure suggestion passe avant', en: 'a better suggestion comes first' },
  ANOTHER_ALMOST_AS_LIKELY: { fact: { code: 'ANOTHER_ALMOST_AS_LIKELY', params: none }, fr: 'une autre facture est presque aussi probable', en: 'another invoice is almost as likely' },
}

const METHODS: Record<MatchMethod, { fr: string; en: string }> = {
  REFERENCE: { fr: 'référence', en: 'reference' },
  RF: { fr: 'RF', en: 'RF' },
  IBAN: { fr: 'IBAN', en: 'IBAN' },
  HISTORY: { fr: 'historique', en: 'history' },
  RULE: { fr: 'règle', en: 'rule' },
  AMOUNT: { fr: 'montant', en: 'amount' },
}

/** French words and typography an English sentence must not hold (as test/extension/panel-texts.test.ts checks the panel's). */
const FRENCH = /\b(le|la|les|des|du|une|et|pas|sur|pour|dans|facture|factures|montant|payeur|émetteur|écart|reste|motif|virement|trouvée?s?|jamais)\b|[àâçéèêëîïôûùüÿœ«»]| [:;?!]/

describe('reason texts in the host language', () => {
  it('no English sentence holds French, and every French one differs from its English one (but RF and IBAN)', () => {
    for (const { fact, en } of Object.values(REASONS)) expect(reasonLabel(fact, 'en'), en).not.toMatch(FRENCH)
    for (const { fact, en } of Object.values(NOT_SURE)) expect(notSureText(fact, 'en'), en).not.toMatch(FRENCH)
    for (const [method, words] of Object.entries(METHODS)) if (method !== 'RF' && method !== 'IBAN') expect(words.en).not.toBe(words.fr)
  })

  const cases = [
    ...Object.entries(REASONS).map(([code, c]) => ({ name: `reason ${code}`, write: (language: 'fr' | 'en') => reasonLabel(c.fact, language), ...c })),
    ...Object.entries(NOT_SURE).map(([code, c]) => ({ name: `not sure because ${code}`, write: (language: 'fr' | 'en') => notSureText(c.fact, language), ...c })),
  ]
  it.each(cases)('$name reads in French and in English', ({ write, fr, en }) => {
    expect(write('fr')).toBe(fr)
    expect(write('en')).toBe(en)
  })

  it('every partial reading and every other document has its own English words', () => {
    const partial = (why: 'digits-only' | 'short-number' | 'ocr' | 'inside' | 'rf-invalid') => reasonLabel({ code: 'REFERENCE_PARTIAL', params: { number: 'F-7', shown: '7', why } }, 'en')
    expect(['digits-only', 'short-number', 'ocr', 'inside', 'rf-invalid'].map((why) => partial(why as never))).toEqual([
      'Digits 7 of invoice F-7 found without its prefix: to check',
      'Short number 7: not enough to name invoice F-7 without its prefix',
      'Number 7 read approximately (letters taken for digits), close to invoice F-7',
      'Digits of invoice F-7 found inside a longer number (7)',
      'Structured reference 7 close to that of invoice F-7, but its check digits are wrong: to check',
    ])
    const other = reasonLabel({ code: 'REFERENCE_OTHER_DOCUMENT', params: { number: 'F-7', shown: 'BC 7', what: 'commande' } }, 'en')
    expect(other).toBe('The number BC 7 in the transfer is that of an order (purchase order), not of invoice F-7: never applied automatically')
    expect(reasonLabel({ code: 'CLIENT_MISMATCH', params: { invoiceClient: null, payerClient: 'Glow' } }, 'en')).toBe('Invoice of client unknown, but the payer seems to be Glow')
    expect(reasonLabel({ code: 'CLIENT_MISMATCH', params: { invoiceClient: null, payerClient: 'Glow' } }, 'fr')).toBe('Facture du client inconnu, mais le payeur semble être Glow')
    expect(reasonLabel({ code: 'SAME_AMOUNT_ELSEWHERE', params: { others: 1 } }, 'fr')).toBe('1 autre facture ouverte du même montant')
    expect(reasonLabel({ code: 'SAME_AMOUNT_ELSEWHERE', params: { others: 1 } }, 'en')).toBe('1 other open invoice of the same amount')
  })


  it('a gap over several invoices says so in both languages', () => {
    const gap: NotSure = { code: 'GAP', params: { gapCents: 1050, invoices: 2 } }
    expect(notSureText(gap, 'fr')).toBe(`écart de 10,50${NB}€ sur ces factures`)
    expect(notSureText(gap, 'en')).toBe('difference of €10.50 on these invoices')
  })

  it.each(Object.entries(METHODS))('method %s in one word', (method, words) => {
    expect(methodWord(method as MatchMethod, 'fr')).toBe(words.fr)
    expect(methodWord(method as MatchMethod, 'en')).toBe(words.en)
  })

  it('the confidence words follow the language', () => {
    expect(confidenceTextIn({ score: 0.99, autoApply: false }, 'fr')).toBe('probable · 89 %')
    expect(confidenceTextIn({ score: 0.99, autoApply: false }, 'en')).toBe('likely · 89 %')
    expect(confidenceTextIn({ score: 0.3, autoApply: false }, 'en')).toBe('to check · 30 %')
    expect(confidenceTextIn({ score: 0.8, autoApply: true }, 'en')).toMatch(/^sure · \d+ %$/)
  })
})

describe('learning texts', () => {
  it('a declined suggestion and the learning notices in both languages', () => {
    expect(LEARNING_TEXTS.declined.fr('Maud', '2026-12-03', false)).toBe('Écartée par Maud le 03/12/2026, pour ce paiement.')
    expect(LEARNING_TEXTS.declined.en('Maud', '2026-12-03', true)).toBe('Set aside by Maud on 3 Dec 2026, for this payer and this invoice.')
    expect(LEARNING_TEXTS.declineDone.fr('FACT-1 + FACT-2', true)).toBe('Suggestion FACT-1 + FACT-2 écartée pour ce payeur : elle ne sera plus proposée.')
    expect(LEARNING_TEXTS.declineDone.en('FACT-1', false)).toBe('Suggestion FACT-1 set aside for this payment: it will not be offered again.')
    expect(LEARNING_TEXTS.learnsNoMore.en('GLOW')).toBe("Matching will no longer learn from the payments of GLOW (the payer's history is ignored).")
    expect(LEARNING_TEXTS.learnsAgain.fr('GLOW')).toBe('Le rapprochement apprend de nouveau des paiements de GLOW.')
  })
})

describe('amounts and days in the language', () => {
  it('formats euros the English way, and French stays as it was', () => {
    expect(formatEurosEnglish(123456)).toBe('€1,234.56')
    expect(formatEurosEnglish(5)).toBe('€0.05')
    expect(formatEurosEnglish(-100000000)).toBe('-€1,000,000.00')
    expect(formatEurosEnglish(150, 'USD')).toBe(`USD${NB}1.50`)
    expect(formatEurosIn('fr', 123456)).toBe(formatEuros(123456))
    expect(formatEurosIn('en', 123456)).toBe('€1,234.56')
  })

  it('writes a day unambiguously in English, dd/mm/yyyy in French', () => {
    expect(englishDay('2026-04-01')).toBe('1 Apr 2026')
    expect(englishDay('2026-12-31')).toBe('31 Dec 2026')
    expect(dayIn('en', '2026-01-09')).toBe('9 Jan 2026')
    expect(dayIn('fr', '2026-01-09')).toBe(frenchDay('2026-01-09'))
  })
})

describe('a suggestion explained', () => {
  const facts: SuggestionFacts = {
    allocations: [{ invoiceId: 'inv-1', amountCents: 149850 }],
    score: 0.8,
    autoApply: false,
    method: 'REFERENCE',
    reasons: [REASONS.REFERENCE_FOUND.fact, REASONS.AMOUNT_SHORT_FEES.fact],
    notSure: NOT_SURE.GAP.fact,
  }

  it('keeps every field, writes its reasons and why it is not sure, and leaves no data behind', () => {
    expect(explainSuggestion(facts, 'en')).toEqual({
      allocations: [{ invoiceId: 'inv-1', amountCents: 149850 }],
      score: 0.8,
      autoApply: false,
      method: 'REFERENCE',
      reasons: [
        { code: 'REFERENCE_FOUND', label: REASONS.REFERENCE_FOUND.en },
        { code: 'AMOUNT_SHORT_FEES', label: REASONS.AMOUNT_SHORT_FEES.en },
      ],
      notSureBecause: NOT_SURE.GAP.en,
    })
    const sure = explainSuggestion({ ...facts, autoApply: true, notSure: undefined }, 'fr')
    expect('notSureBecause' in sure).toBe(false)
    expect(explainResult({ transactionId: 't', clientId: null, suggestions: [facts] }, 'fr').suggestions[0]!.notSureBecause).toBe(NOT_SURE.GAP.fr)
  })

  it('the matcher speaks French by default and English when asked, with the same suggestions', () => {
    const ledger = {
      clients: [{ id: 'glow', name: 'Glow Cosmetics SAS', ibans: ['FR7630004008230001234567819'] }],
      invoices: [{ id: 'inv-1', number: 'FACT-2026-001', clientId: 'glow', totalCents: 150000, issueDate: '2026-10-31' }],
    }
    const payments = [{ id: 'tx', amountCents: 149850, counterpartyIban: 'FR7630004008230001234567819', reference: 'FACT-2026-001', settledAt: '2026-11-20T10:00:00Z' }]
    const [french] = suggestMatches(ledger, payments)
    const [english] = suggestMatches(ledger, payments, { language: 'en' })
    expect(french!.suggestions[0]!.reasons.map((r) => r.label)).toEqual([
      'Référence FACT-2026-001 trouvée dans le motif du virement',
      'IBAN connu du client Glow Cosmetics SAS',
      `Écart de 1,50${NB}€ : frais bancaires probables`,
    ])
    expect(english!.suggestions[0]!.reasons.map((r) => r.label)).toEqual([
      'Reference FACT-2026-001 found in the transfer reference',
      'Known IBAN of client Glow Cosmetics SAS',
      'Difference of €1.50: probably bank fees',
    ])
    expect(english!.suggestions[0]!.notSureBecause).toBe('difference of €1.50')
    const strip = (r: typeof french) => r!.suggestions.map(({ reasons, notSureBecause, ...rest }) => ({ ...rest, codes: reasons.map((x) => x.code), notSure: notSureBecause !== undefined }))
    expect(strip(english)).toEqual(strip(french))
  })
})
