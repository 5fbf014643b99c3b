/**
 * What the reconciliation side writes for people beyond its notices (server-texts.ts) and refusals
 * (error-texts.ts), in French and English: how a payment is explained without an invoice (categories,
 * rules, what a rule catches), the lines of a payment's invoices, surplus credits, a client e-mail's
 * state, the audit log's actions and the states its lines record, the ledger's messages and the FEC
 * export's refusal. Shown in the panel's language; written into history (audit lines) in the
 * context's language, and kept so. What reaches the accountant (the FEC and CSV files, the ledger's
 * own stored lines) stays French whatever the panel speaks: domain/explanation.ts and domain/export/.
 */
import type { Language } from '../domain/language.js'
import type { Cents } from '../domain/money.js'
import { formatEurosIn } from '../domain/money.js'
import { both, pick, type Picked, s } from './both.js'
import { categoryIn } from './error-texts.js'

const euros = { fr: (cents: Cents) => formatEurosIn('fr', cents), en: (cents: Cents) => formatEurosIn('en', cents) }

export const RECONCILE_TEXTS = {
  /** "Ignorer (hors facture)" and its rules. */
  ignore: {
    explanation: both(
      (category: string, note: string | null) => `Ignoré (hors facture) : ${category}${note ? ` — ${note}` : ''}`,
      (category, note) => `Ignored (not an invoice): ${category}${note ? ` — ${note}` : ''}`,
    ),
    ignored: both('Ignoré (hors facture)', 'Ignored (not an invoice)'),
    notAnInvoice: both('hors facture', 'not an invoice'),
    rule: both(
      (type: string, label: string, category: string) => `Règle : ${type === 'IBAN' ? `toujours pour cet IBAN (${label})` : `toujours pour ce payeur (${label})`} → ${category}`,
      (type, label, category) => `Rule: ${type === 'IBAN' ? `always for this IBAN (${label})` : `always for this payer (${label})`} → ${category}`,
    ),
    catchesPayer: both(
      (payer: string, others: string) =>
        `Ignorera les prochains paiements dont l’émetteur s’écrit exactement « ${payer} » (majuscules, accents et ponctuation indifférents) ; un nom différent, même proche (autre forme juridique, civilité ou ordre des mots), reste à rapprocher. ${others}`,
      (payer, others) =>
        `Will ignore the next payments whose sender is written exactly “${payer}” (whatever the case, accents and punctuation); a different name, even a close one (another legal form, title or word order), stays to match. ${others}`,
    ),
    catchesIban: both(
      (iban: string, others: string) => `Ignorera les prochains paiements venant de l’IBAN ${iban}, quel que soit le nom affiché. ${others}`,
      (iban, others) => `Will ignore the next payments coming from the IBAN ${iban}, whatever the name shown. ${others}`,
    ),
    othersWaiting: both(
      (n: number) =>
        n === 0
          ? 'Aucun autre paiement en attente ne correspond.'
          : `${n} autre${s(n)} paiement${s(n)} en attente correspond${n > 1 ? 'ent' : ''} : proposé${s(n)} après confirmation, jamais d’office.`,
      (n) => (n === 0 ? 'No other waiting payment matches.' : `${n} other waiting payment${s(n)} match${n > 1 ? '' : 'es'}: offered after confirmation, never on their own.`),
    ),
    duplicateRule: both((label: string) => `Doublon de la règle sur le nom exact « ${label} »`, (label) => `Duplicate of the rule on the exact name “${label}”`),
  },
  /** The states an audit line records. */
  states: {
    toMatch: both('À rapprocher', 'To match'),
    none: both('Aucune', 'None'),
    ruleActive: both('Active', 'Active'),
    ruleOff: both('Désactivée', 'Turned off'),
    noLongerIgnored: both('Plus ignoré : hors des exports', 'No longer ignored: out of the exports'),
  },
  /** A payment's invoices on its page and the invoice's payments. */
  lines: {
    deletedInvoice: both('facture supprimée', 'deleted invoice'),
    notFound: both('introuvable (supprimé)', 'not found (deleted)'),
    writeOffReasons: {
      FRAIS_BANCAIRES: both('Frais bancaires', 'Bank fees'),
      ARRONDI: both('Arrondi', 'Rounding'),
      AUTRE: both('Autre', 'Other'),
    },
    writeOff: both('Écart', 'Write-off'),
    settledWithoutPayment: both(
      (amount: Cents, reason: string, account: string) => `${euros.fr(amount)} soldés sans encaissement (${reason.toLowerCase()}, compte ${account})`,
      (amount, reason, account) => `${euros.en(amount)} settled without payment (${reason.toLowerCase()}, account ${account})`,
    ),
    writeOffAccount: both((reason: string, account: string) => `${reason}, compte ${account}`, (reason, account) => `${reason}, account ${account}`),
  },
  /** A payment's surplus, explained as a client credit or a refund to make. */
  surplus: {
    treatments: {
      AVOIR: both('Avoir client (trop-perçu)', 'Client credit (overpayment)'),
      REMBOURSEMENT: both('Remboursement à effectuer (trop-perçu)', 'Refund to make (overpayment)'),
    },
    explained: both(
      (treatment: string, amount: Cents, client: string | null, by: string) => `${treatment} de ${euros.fr(amount)}${client ? ` pour ${client}` : ''}, par ${by}`,
      (treatment, amount, client, by) => `${treatment} of ${euros.en(amount)}${client ? ` for ${client}` : ''}, by ${by}`,
    ),
    credit: both(
      (amount: Cents, day: string) => `Avoir de ${euros.fr(amount)} (trop-perçu du paiement du ${day})`,
      (amount, day) => `Credit of ${euros.en(amount)} (overpayment of the payment of ${day})`,
    ),
  },
  /** Where a client e-mail stands (the "E-mails clients" list). */
  email: {
    sent: both((at: string) => `Envoyé le ${at}`, (at) => `Sent on ${at}`),
    cancelled: both(
      (at: string, by: string | null) => `Annulé le ${at}${by ? ` par ${by}` : ''} : ne partira pas`,
      (at, by) => `Cancelled on ${at}${by ? ` by ${by}` : ''}: will not go out`,
    ),
    unconfirmed: both(
      (at: string) => `Non confirmé (mis de côté le ${at}) : l'envoi n'a pas été confirmé, le client l'a peut-être reçu ; vérifiez avant de le renvoyer`,
      (at) => `Not confirmed (set aside on ${at}): the sending was not confirmed, the client may have received it; check before sending it again`,
    ),
    abandoned: both(
      (at: string, attempts: number) => `Abandonné le ${at} après ${attempts} tentatives refusées : ne partira pas`,
      (at, attempts) => `Given up on ${at} after ${attempts} refused attempts: will not go out`,
    ),
    sending: both("En cours d'envoi", 'Being sent'),
    retry: both((time: string) => `Nouvel essai vers ${time} (l'envoi a échoué)`, (time) => `New attempt around ${time} (the sending failed)`),
    waiting: both((time: string) => `En attente : part vers ${time} (Dissocier l'annule)`, (time) => `Waiting: leaves around ${time} (Unmatch cancels it)`),
    referenceLine: both((reference: string) => `Référence de paiement de cette facture : ${reference}.\n`, (reference) => `Payment reference of this invoice: ${reference}.\n`),
    uncertain: both((error: string) => `envoi incertain : ${error}`, (error) => `uncertain sending: ${error}`),
    gaveUp: both((attempts: number, error: string) => `abandonné après ${attempts} tentatives : ${error}`, (attempts, error) => `given up after ${attempts} attempts: ${error}`),
    interrupted: both(
      'envoi interrompu (processus arrêté pendant l’envoi) : le client l’a peut-être reçu',
      'sending interrupted (process stopped while sending): the client may have received it',
    ),
  },
  /** A payment the bank declined or reversed after it was explained. */
  bankCancellation: {
    unmatched: both((invoices: string) => `rapprochement annulé pour ${invoices}`, (invoices) => `match undone for ${invoices}`),
    unignored: both((category: string) => `il n’est plus ignoré (${category}) et sort des exports`, (category) => `it is no longer ignored (${category}) and leaves the exports`),
    reason: both(
      (declined: boolean) => `Paiement ${declined ? 'refusé' : 'annulé'} par la banque`,
      (declined) => `Payment ${declined ? 'declined' : 'reversed'} by the bank`,
    ),
  },
  /** The automatic reconciliation's notification (and the bulk acceptance of suggestions). */
  autoReconcile: {
    title: both((automatic: boolean): string => (automatic ? 'Rapprochement automatique' : 'Suggestions acceptées'), (automatic) => (automatic ? 'Automatic match' : 'Suggestions accepted')),
    single: both(
      (amount: string, payer: string, invoices: string) => `Paiement de ${amount} (${payer}) rapproché de ${invoices}`,
      (amount, payer, invoices) => `Payment of ${amount} (${payer}) matched to ${invoices}`,
    ),
    many: both(
      (n: number, total: string, invoices: string) => `${n} paiement${s(n)} (${total}) rapprochés : ${invoices}`,
      (n, total, invoices) => `${n} payment${s(n)} (${total}) matched: ${invoices}`,
    ),
  },
  /** The ledger's audit lines (an entry moved out of a closed period, a reversal). */
  ledger: {
    reversal: both((original: string) => `Contre-passation de ${original} : le rapprochement du paiement a changé.`, (original) => `Reversal of ${original}: the payment's match has changed.`),
    moved: both(
      (closed: string, from: string, to: string) => `Période close jusqu’au ${closed} : l’écriture du ${from} est passée au ${to}, premier jour ouvert.`,
      (closed, from, to) => `Period closed through ${closed}: the entry of ${from} is booked on ${to}, the first open day.`,
    ),
  },
  /** The FEC export refused (a payment without its euro amount). */
  fec: {
    noEuroAmount: both(
      (qontoId: string, amount: string, currency: string) => `paiement ${qontoId} de ${amount} ${currency} sans montant en euros`,
      (qontoId, amount, currency) => `payment ${qontoId} of ${amount} ${currency} without a euro amount`,
    ),
    refused: both(
      (n: number, shown: string) =>
        `Export FEC impossible : ${n} paiement(s) de la période sans montant en euros (${shown}). Le FEC exige Débit et Crédit en euros : renseignez le montant en euros dans Qonto ou excluez ces jours de la période.`,
      (n, shown) =>
        `FEC export impossible: ${n} payment${s(n)} of the period without a euro amount (${shown}). The FEC requires Debit and Credit in euros: fill in the euro amount in Qonto or leave these days out of the period.`,
    ),
    needsEuros: both((problem: string) => `Le FEC exige Débit/Crédit en euros : ${problem}.`, (problem) => `The FEC requires Debit/Credit in euros: ${problem}.`),
  },
  /** The audit log's actions, by code. */
  auditActions: {
    ASSOCIATION: both('Association', 'Match'),
    DISSOCIATION: both('Dissociation', 'Unmatch'),
    RAPPROCHEMENT_AUTO: both('Rapprochement automatique', 'Automatic match'),
    SUGGESTION: both('Suggestion acceptée', 'Suggestion accepted'),
    IGNORE: both('Ignoré (hors facture)', 'Ignored (not an invoice)'),
    RETABLISSEMENT: both('Rétabli (à rapprocher)', 'Restored (to match)'),
    REGLE_CREEE: both('Règle hors facture créée', 'Not-an-invoice rule created'),
    REGLE_DESACTIVEE: both('Règle hors facture désactivée', 'Not-an-invoice rule turned off'),
    PAIEMENT_ANNULE: both('Paiement annulé par la banque', 'Payment reversed by the bank'),
    EMAIL_ANNULE: both('E-mail au client annulé', 'Client e-mail cancelled'),
    AVOIR_IMPUTE: both('Avoir imputé', 'Credit applied'),
    EXCEDENT_AVOIR: both('Excédent en avoir client', 'Surplus as a client credit'),
    EXCEDENT_REMBOURSEMENT: both('Excédent à rembourser', 'Surplus to refund'),
    ECRITURE_CONTREPASSEE: both('Écriture contre-passée', 'Entry reversed'),
    ECRITURE_REPORTEE: both('Écriture reportée (période close)', 'Entry moved (closed period)'),
    PERIODE_CLOTUREE: both('Période clôturée', 'Period closed'),
    SUGGESTION_ECARTEE: both('Suggestion écartée', 'Suggestion set aside'),
    SUGGESTION_RETABLIE: both('Suggestion rétablie', 'Suggestion restored'),
    HABITUDE_APPRISE: both('Habitude apprise', 'Habit learned'),
    HABITUDE_OUBLIEE: both('Habitude oubliée', 'Habit forgotten'),
    HABITUDE_ANNULEE: both('Habitude annulée', 'Habit undone'),
    APPRENTISSAGE_ACTIVE: both('Apprentissage activé', 'Learning turned on'),
    APPRENTISSAGE_DESACTIVE: both('Apprentissage désactivé', 'Learning turned off'),
    CONNEXION_QONTO: both('Connexion Qonto', 'Qonto connected'),
    DECONNEXION_QONTO: both('Déconnexion Qonto', 'Qonto disconnected'),
    COMPTES_BANCAIRES: both('Comptes bancaires choisis', 'Bank accounts chosen'),
  },
  /** The extension's own actors, as the audit log and the lists name them (stored in French, shown in the panel's). */
  actors: {
    'système (rapprochement automatique)': both('système (rapprochement automatique)', 'system (automatic matching)'),
    'système (règle hors facture)': both('système (règle hors facture)', 'system (not-an-invoice rule)'),
    'système (comptabilité)': both('système (comptabilité)', 'system (accounting)'),
    'système (Qonto)': both('système (Qonto)', 'system (Qonto)'),
    système: both('système', 'system'),
    inconnu: both('inconnu', 'unknown'),
  },
}

export type ReconcileTexts = Picked<typeof RECONCILE_TEXTS>
const PICKED: Record<Language, ReconcileTexts> = { fr: pick(RECONCILE_TEXTS, 'fr'), en: pick(RECONCILE_TEXTS, 'en') }

/** The reconciliation side's texts in a language. */
export const reconcileTexts = (language: Language): ReconcileTexts => PICKED[language]

/** A write-off reason's name (an unknown code as "Écart" / "Write-off"). */
export const writeOffReasonIn = (language: Language, code: string | null | undefined): string =>
  (PICKED[language].lines.writeOffReasons as Record<string, string>)[code ?? ''] ?? PICKED[language].lines.writeOff

/** "Règle : toujours pour cet IBAN (FR76 …) → Remboursement", in a language. */
export const ruleExplanationIn = (language: Language, rule: { type: string; libelle: string; categorie: string }): string =>
  PICKED[language].ignore.rule(rule.type, rule.libelle, categoryIn(language, rule.categorie))

/** "Ignoré (hors facture) : Remboursement — note", in a language. */
export const ignoreExplanationIn = (language: Language, category: string, note: string | null | undefined): string =>
  PICKED[language].ignore.explanation(categoryIn(language, category), note ?? null)

/** The extension's own actor label (stored in French) in a language; any other actor (a user) as is. */
export const actorIn = (language: Language, label: string): string => (PICKED[language].actors as Record<string, string>)[label] ?? label

/** An audit action's name in a language (an unknown code in words). */
export const auditActionIn = (language: Language, code: string): string =>
  (PICKED[language].auditActions as Record<string, string>)[code] ?? code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ')

/** The audit log's action labels as translation keys of its `action` property ("action.IGNORE"), in a language. */
export const auditActionKeys = (language: Language): Record<string, string> =>
  Object.fromEntries(Object.entries(PICKED[language].auditActions).map(([code, label]) => [`action.${code}`, label]))
