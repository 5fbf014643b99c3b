/**
 * What a suggestion says, in French and English side by side: its reasons, why it is not "sûr",
 * its method in one word. The matcher returns codes and parameters (reasons.ts, auto-apply.ts);
 * they are written here in the language asked for (the host's, French by default), so a stored
 * suggestion is shown in the language of whoever reads it.
 */
import { both, type Both, s } from '../../i18n/both.js'
import { dayIn, type IsoDay } from '../dates.js'
import type { Language } from '../language.js'
import { formatEurosIn, type Cents } from '../money.js'
import { confidencePercent, confidenceTier, TIER_TEXTS } from './confidence.js'
import type { OtherDocument } from './invoice-references.js'
import type { PartialWhy } from './reference-evidence.js'
import type { MatchMethod, MatchResult, NotSure, NotSureParams, Reason, ReasonFact, ReasonParams, Suggestion, SuggestionFacts, TextField } from './types.js'

const fr = { euros: (cents: Cents, currency?: string) => formatEurosIn('fr', cents, currency), day: (day: IsoDay) => dayIn('fr', day) }
const en = { euros: (cents: Cents, currency?: string) => formatEurosIn('en', cents, currency), day: (day: IsoDay) => dayIn('en', day) }

const FIELD: Record<TextField, Both<string>> = {
  référence: both('motif du virement', 'transfer reference'),
  libellé: both('libellé', 'transfer label'),
}

const OTHER_DOCUMENT: Record<OtherDocument, Both<string>> = {
  devis: both("d'un devis", 'a quote'),
  avoir: both("d'un avoir", 'a credit note'),
  commande: both("d'une commande (bon de commande)", 'an order (purchase order)'),
  contrat: both("d'un contrat", 'a contract'),
  client: both("d'un numéro de client ou de dossier", 'a client or file number'),
  livraison: both("d'un bon de livraison", 'a delivery note'),
  siret: both("d'un SIREN/SIRET", 'a SIREN/SIRET'),
  iban: both("d'un IBAN", 'an IBAN'),
  date: both("d'une date", 'a date'),
  telephone: both("d'un numéro de téléphone", 'a phone number'),
  tva: both("d'un numéro de TVA", 'a VAT number'),
}

const PARTIAL: Record<PartialWhy, Both<(p: ReasonParams['REFERENCE_PARTIAL']) => string>> = {
  'digits-only': both(
    (p) => `Chiffres ${p.shown} de la facture ${p.number} trouvés sans son préfixe : à vérifier`,
    (p) => `Digits ${p.shown} of invoice ${p.number} found without its prefix: to check`,
  ),
  'short-number': both(
    (p) => `Numéro court ${p.shown} : ne suffit pas à désigner la facture ${p.number} sans son préfixe`,
    (p) => `Short number ${p.shown}: not enough to name invoice ${p.number} without its prefix`,
  ),
  ocr: both(
    (p) => `Numéro ${p.shown} lu approximativement (lettres prises pour des chiffres), proche de la facture ${p.number}`,
    (p) => `Number ${p.shown} read approximately (letters taken for digits), close to invoice ${p.number}`,
  ),
  inside: both(
    (p) => `Chiffres de la facture ${p.number} trouvés à l'intérieur d'un nombre plus long (${p.shown})`,
    (p) => `Digits of invoice ${p.number} found inside a longer number (${p.shown})`,
  ),
  'rf-invalid': both(
    (p) => `Référence structurée ${p.shown} proche de celle de la facture ${p.number}, mais sa clé de contrôle est fausse : à vérifier`,
    (p) => `Structured reference ${p.shown} close to that of invoice ${p.number}, but its check digits are wrong: to check`,
  ),
}

/** Each reason's sentence, by code: a missing code or a parameter of the wrong type does not compile. */
export const REASON_TEXTS: { [C in keyof ReasonParams]: Both<(p: ReasonParams[C]) => string> } = {
  REFERENCE_FOUND: both(
    (p) => `Référence ${p.number} trouvée dans le ${FIELD[p.where].fr}`,
    (p) => `Reference ${p.number} found in the ${FIELD[p.where].en}`,
  ),
  REFERENCE_RF: both(
    (p) => `Référence structurée RF de la facture ${p.number} (clé de contrôle vérifiée) trouvée dans le ${FIELD[p.where].fr}`,
    (p) => `Structured RF reference of invoice ${p.number} (check digits verified) found in the ${FIELD[p.where].en}`,
  ),
  SHORT_REFERENCE_FOUND: both(
    (p) => `Numéro abrégé de la facture ${p.number} trouvé dans le motif`,
    (p) => `Shortened number of invoice ${p.number} found in the transfer reference`,
  ),
  REFERENCE_PARTIAL: both(
    (p) => PARTIAL[p.why].fr(p),
    (p) => PARTIAL[p.why].en(p),
  ),
  REFERENCE_OTHER_DOCUMENT: both(
    (p) => `Le numéro ${p.shown} du virement est celui ${OTHER_DOCUMENT[p.what].fr}, pas de la facture ${p.number} : jamais appliqué automatiquement`,
    (p) => `The number ${p.shown} in the transfer is that of ${OTHER_DOCUMENT[p.what].en}, not of invoice ${p.number}: never applied automatically`,
  ),
  CLIENT_IBAN: both(
    (p) => `IBAN connu du client ${p.client}`,
    (p) => `Known IBAN of client ${p.client}`,
  ),
  CLIENT_NAME: both(
    (p) => `Nom de l'émetteur proche du client ${p.client} (${p.similarity} %)`,
    (p) => `Sender's name close to client ${p.client} (${p.similarity}%)`,
  ),
  CLIENT_HISTORY: both(
    (p) => `Émetteur déjà rapproché du client ${p.client} par le passé`,
    (p) => `Sender already matched to client ${p.client} in the past`,
  ),
  CLIENT_MISMATCH: both(
    (p) => `Facture du client ${p.invoiceClient ?? 'inconnu'}, mais le payeur semble être ${p.payerClient}`,
    (p) => `Invoice of client ${p.invoiceClient ?? 'unknown'}, but the payer seems to be ${p.payerClient}`,
  ),
  AMOUNT_EXACT: both(
    (p) => `Montant identique (${fr.euros(p.cents)})`,
    (p) => `Same amount (${en.euros(p.cents)})`,
  ),
  AMOUNT_SHORT_FEES: both(
    (p) => `Écart de ${fr.euros(p.gapCents)} : frais bancaires probables`,
    (p) => `Difference of ${en.euros(p.gapCents)}: probably bank fees`,
  ),
  AMOUNT_USUAL_SHORTFALL: both(
    (p) => `Écart de ${fr.euros(p.gapCents)} : l'écart habituel de ce payeur (appris de ses paiements confirmés)`,
    (p) => `Difference of ${en.euros(p.gapCents)}: this payer's usual difference (learned from their confirmed payments)`,
  ),
  AMOUNT_PARTIAL: both(
    (p) => `Paiement partiel : reste ${fr.euros(p.remainingCents)}`,
    (p) => `Partial payment: ${en.euros(p.remainingCents)} left`,
  ),
  AMOUNT_OVERPAID: both(
    (p) => `Trop-perçu de ${fr.euros(p.excessCents)} laissé non affecté`,
    (p) => `Overpayment of ${en.euros(p.excessCents)} left unallocated`,
  ),
  AMOUNT_GROUP_EXACT: both(
    (p) => `Total de ${p.count} factures égal au montant (${fr.euros(p.cents)})`,
    (p) => `Total of ${p.count} invoices equal to the amount (${en.euros(p.cents)})`,
  ),
  AMOUNT_ONLY: both(
    () => 'Seul le montant correspond : à vérifier',
    () => 'Only the amount matches: to check',
  ),
  SAME_AMOUNT_ELSEWHERE: both(
    (p) => `${p.others} autre${s(p.others)} facture${s(p.others)} ouverte${s(p.others)} du même montant`,
    (p) => `${p.others} other open invoice${s(p.others)} of the same amount`,
  ),
  DATE_BEFORE_ISSUE: both(
    (p) => `Paiement reçu avant l'émission de la facture (${fr.day(p.issueDate)})`,
    (p) => `Payment received before the invoice was issued (${en.day(p.issueDate)})`,
  ),
  OLDEST_OPEN: both(
    () => 'Ce sont les factures ouvertes les plus anciennes du client',
    () => "These are the client's oldest open invoices",
  ),
  DUPLICATE_PAYMENT: both(
    (p) =>
      `Doublon probable du paiement du ${fr.day(p.day)} déjà appliqué à ${p.invoices.join(', ')} : même payeur, même montant, même facture. Jamais appliqué automatiquement ; s'il s'agit d'un trop-perçu, expliquez-le (avoir ou remboursement).`,
    (p) =>
      `Probable duplicate of the payment of ${en.day(p.day)} already applied to ${p.invoices.join(', ')}: same payer, same amount, same invoice. Never applied automatically; if it is an overpayment, explain it (credit note or refund).`,
  ),
  CREDIT_APPLIED: both(
    (p) => `Avoir du trop-perçu imputé sur ${p.invoice}`,
    (p) => `Overpayment credit applied to ${p.invoice}`,
  ),
  CLIENT_LEARNED: both(
    (p) => `${p.by === 'iban' ? "IBAN de l'émetteur" : 'Émetteur'} reconnu comme payeur du client ${p.client} : appris de votre rapprochement du ${fr.day(p.learnedOn)}`,
    (p) => `${p.by === 'iban' ? "Sender's IBAN" : 'Sender'} recognised as paying for client ${p.client}: learned from your match of ${en.day(p.learnedOn)}`,
  ),
  REFERENCE_HABIT: both(
    (p) => `${p.shown} : la facture ${p.number} écrite comme ce payeur l'écrit (« ${p.example} », appris de votre rapprochement du ${fr.day(p.learnedOn)})`,
    (p) => `${p.shown}: invoice ${p.number} written the way this payer writes it ("${p.example}", learned from your match of ${en.day(p.learnedOn)})`,
  ),
}

/** A full number whose invoice is of none of the clients the payer's reading tied between (NAME_POINTS_ELSEWHERE, PAYER_POINTS_ELSEWHERE). */
const NONE_OF_THEM = both<(invoices: number) => string>(
  (invoices: number) => (invoices > 1 ? "une des factures citées n'est à aucun d'eux" : "aucun n'est celui de la facture citée"),
  (invoices: number) => (invoices > 1 ? 'one of the named invoices belongs to none of them' : 'none of which owns the named invoice'),
)

const TIED_READING: Record<NotSureParams['PAYER_POINTS_ELSEWHERE']['by'], Both<(clients: number) => string>> = {
  iban: both((n) => `l'IBAN du payeur est connu pour ${n} clients`, (n) => `the payer's IBAN is known for ${n} clients`),
  'iban-history': both((n) => `cet IBAN a déjà payé pour ${n} clients`, (n) => `this IBAN has paid for ${n} clients before`),
  'name-history': both((n) => `ce nom de payeur a déjà payé pour ${n} clients`, (n) => `this payer name has paid for ${n} clients before`),
}

/** Why a suggestion is not "sûr", by code. */
export const NOT_SURE_TEXTS: { [C in keyof NotSureParams]: Both<(p: NotSureParams[C]) => string> } = {
  CLIENT_MISMATCH: both(() => "facture d'un autre client que le payeur", () => 'invoice of another client than the payer'),
  BEFORE_ISSUE: both(() => 'paiement antérieur à la facture', () => 'payment earlier than the invoice'),
  PARTIAL: both(
    (p) => `paiement partiel : reste ${fr.euros(p.remainingCents)} dus`,
    (p) => `partial payment: ${en.euros(p.remainingCents)} still due`,
  ),
  GAP: both(
    (p) => (p.invoices > 1 ? `écart de ${fr.euros(p.gapCents)} sur ces factures` : `écart de ${fr.euros(p.gapCents)}`),
    (p) => (p.invoices > 1 ? `difference of ${en.euros(p.gapCents)} on these invoices` : `difference of ${en.euros(p.gapCents)}`),
  ),
  OVERPAID: both(
    (p) => `trop-perçu de ${fr.euros(p.excessCents)}`,
    (p) => `overpayment of ${en.euros(p.excessCents)}`,
  ),
  GROUP_NOT_ALL_NAMED: both(() => 'factures regroupées sans que le virement les cite toutes', () => 'invoices grouped although the transfer does not name them all'),
  NAMES_ANOTHER_INVOICE: both(() => 'le virement cite aussi une autre facture', () => 'the transfer also names another invoice'),
  NAME_POINTS_ELSEWHERE: both(
    (p) => `le nom du payeur ressemble à ${p.clients} clients, ${NONE_OF_THEM.fr(p.invoices)}`,
    (p) => `the payer's name resembles ${p.clients} clients, ${NONE_OF_THEM.en(p.invoices)}`,
  ),
  PAYER_POINTS_ELSEWHERE: both(
    (p) => `${TIED_READING[p.by].fr(p.clients)}, ${NONE_OF_THEM.fr(p.invoices)}`,
    (p) => `${TIED_READING[p.by].en(p.clients)}, ${NONE_OF_THEM.en(p.invoices)}`,
  ),
  INCOMPLETE_NUMBER: both(() => 'numéro de facture incomplet dans le virement', () => 'incomplete invoice number in the transfer'),
  NAMES_OTHER_DOCUMENT: both(() => 'le virement cite un autre document (devis, avoir, commande)', () => 'the transfer names another document (quote, credit note, order)'),
  SAME_AMOUNT_INVOICES: both(
    (p) => `${p.count} factures de ce montant pour ce client`,
    (p) => `${p.count} invoices of this amount for this client`,
  ),
  NO_INVOICE_NUMBER: both(() => 'aucun numéro de facture dans le virement', () => 'no invoice number in the transfer'),
  PAYER_GROUP_FITS: both(() => "d'autres factures de ce client font aussi ce montant ensemble", () => "other invoices of this client add up to this amount too"),
  NO_NUMBER_NOR_IBAN: both(() => 'ni numéro de facture dans le virement, ni IBAN connu du client', () => "neither an invoice number in the transfer nor a client's known IBAN"),
  BETTER_SUGGESTION_FIRST: both(() => 'une meilleure suggestion passe avant', () => 'a better suggestion comes first'),
  ANOTHER_ALMOST_AS_LIKELY: both(() => 'une autre facture est presque aussi probable', () => 'another invoice is almost as likely'),
}

/** The method in one word (référence, RF, IBAN, historique, règle, montant). */
export const METHOD_TEXTS: Record<MatchMethod, Both<string>> = {
  REFERENCE: both('référence', 'reference'),
  RF: both('RF', 'RF'),
  IBAN: both('IBAN', 'IBAN'),
  HISTORY: both('historique', 'history'),
  RULE: both('règle', 'rule'),
  AMOUNT: both('montant', 'amount'),
}

export { TIER_TEXTS }

/** Why an association asks for a confirmation (reconciliation.service.ts confirmationReason). */
export const CONFIRMATION_TEXTS = {
  writeOff: both('la facture est soldée avec un écart', 'the invoice is settled with a difference'),
  manual: both("c'est une association manuelle", 'it is a manual match'),
  tier: both(
    (tier: string, why: string | null) => `la suggestion est « ${tier} »${why ? ` (${why})` : ''}`,
    (tier: string, why: string | null) => `the suggestion is “${tier}”${why ? ` (${why})` : ''}`,
  ),
}

/** Learning (docs/matching.md §3a): a declined suggestion explained, and what Associer says after a change. */
export const LEARNING_TEXTS = {
  declined: both(
    (by: string, day: string, forPayer: boolean) => `Écartée par ${by} le ${fr.day(day)}, ${forPayer ? 'pour ce payeur et cette facture' : 'pour ce paiement'}.`,
    (by: string, day: string, forPayer: boolean) => `Set aside by ${by} on ${en.day(day)}, ${forPayer ? 'for this payer and this invoice' : 'for this payment'}.`,
  ),
  declineDone: both(
    (invoices: string, forPayer: boolean) => `Suggestion ${invoices} écartée ${forPayer ? 'pour ce payeur' : 'pour ce paiement'} : elle ne sera plus proposée.`,
    (invoices: string, forPayer: boolean) => `Suggestion ${invoices} set aside ${forPayer ? 'for this payer' : 'for this payment'}: it will not be offered again.`,
  ),
  restored: both('Suggestion rétablie : elle peut de nouveau être proposée.', 'Suggestion restored: it may be offered again.'),
  learnsAgain: both(
    (payer: string) => `Le rapprochement apprend de nouveau des paiements de ${payer}.`,
    (payer: string) => `Matching learns from the payments of ${payer} again.`,
  ),
  learnsNoMore: both(
    (payer: string) => `Le rapprochement n'apprendra plus des paiements de ${payer} (historique du payeur ignoré).`,
    (payer: string) => `Matching will no longer learn from the payments of ${payer} (the payer's history is ignored).`,
  ),
}

/** "probable · 86 %" / "likely · 86 %": the tier's word and its percentage. */
export const confidenceTextIn = (suggestion: { score: number; autoApply: boolean }, language: Language): string =>
  `${TIER_TEXTS[confidenceTier(suggestion)][language]} · ${confidencePercent(suggestion)} %`

type Render<P> = Both<(p: P) => string>

/** One reason's sentence in a language. */
export function reasonLabel(fact: ReasonFact, language: Language): string {
  return (REASON_TEXTS[fact.code] as Render<typeof fact.params>)[language](fact.params)
}

/** Why a suggestion is not "sûr", in a language. */
export function notSureText(why: NotSure, language: Language): string {
  return (NOT_SURE_TEXTS[why.code] as Render<typeof why.params>)[language](why.params)
}

/** The method's word in a language. */
export const methodWord = (method: MatchMethod, language: Language): string => METHOD_TEXTS[method][language]

/** Reasons as shown: code and sentence. */
export const explainReasons = (reasons: readonly ReasonFact[], language: Language): Reason[] =>
  reasons.map((fact) => ({ code: fact.code, label: reasonLabel(fact, language) }))

/** A suggestion as shown in a language: the same fields, its reasons and why it is not sure in words. */
export function explainSuggestion(suggestion: SuggestionFacts, language: Language): Suggestion {
  const shown: Suggestion = {
    allocations: suggestion.allocations,
    score: suggestion.score,
    autoApply: suggestion.autoApply,
    method: suggestion.method,
    reasons: explainReasons(suggestion.reasons, language),
  }
  if (suggestion.notSure) shown.notSureBecause = notSureText(suggestion.notSure, language)
  return shown
}

/** A payment's suggestions as shown in a language (other fields, such as `declined`, kept). */
export function explainResult<R extends MatchResult<SuggestionFacts>>(result: R, language: Language): Omit<R, 'suggestions'> & MatchResult {
  return { ...result, suggestions: result.suggestions.map((suggestion) => explainSuggestion(suggestion, language)) }
}
