/**
 * Every refusal a use-case throws (ReconciliationError), by code, in French and English side by side.
 * A throw site names the code and its raw values (cents, days, references); the text is built in the
 * reader's language only when shown (the panel's language, the CLI's), so amounts and days read as
 * that language writes them. `both` makes the English take the French one's parameters.
 */
import { dayIn, type IsoDay } from '../domain/dates.js'
import type { IgnoreCategory } from '../domain/explanation.js'
import { formatEurosIn, type Cents } from '../domain/money.js'
import type { Language } from '../admin/locale/language.js'
import { both, type Both, s } from './both.js'

const fr = (cents: Cents) => formatEurosIn('fr', cents)
const en = (cents: Cents) => formatEurosIn('en', cents)

/** The categories of "Ignorer (hors facture)" as a refusal names them. */
export const IGNORE_CATEGORY_TEXTS: Record<IgnoreCategory, Both<string>> = {
  REMBOURSEMENT: both('Remboursement', 'Refund'),
  VIREMENT_INTERNE: both('Virement interne', 'Internal transfer'),
  APPORT: both('Apport (associé, capital)', 'Contribution (partner, capital)'),
  SUBVENTION: both('Subvention', 'Grant'),
  FRAIS_COMMISSION: both('Frais / commission', 'Fees / commission'),
  AUTRE: both('Autre', 'Other'),
}
/** A category's name in a language (an unknown code as is). */
export const categoryIn = (language: Language, code: string): string => IGNORE_CATEGORY_TEXTS[code as IgnoreCategory]?.[language] ?? code
const category = categoryIn

/** Why an invoice is not open to a payment, by its status. */
const notOpen = {
  fr: (status: string) => ({ PAYE: 'est déjà payée', ANNULE: 'est annulée', BROUILLON: "n'est pas ouverte au paiement (brouillon ou autre statut)" })[status] ?? "n'est pas ouverte",
  en: (status: string) => ({ PAYE: 'is already paid', ANNULE: 'is cancelled', BROUILLON: 'is not open to payment (draft or another status)' })[status] ?? 'is not open',
}

/**
 * The Qonto feed's refusals (src/feed/: sync, bank accounts, webhook subscription), kept apart from
 * the reconciliation ones below; ERROR_TEXTS holds both.
 */
const FEED_ERROR_TEXTS = {
  syncAlreadyRunning: both('Une synchronisation Qonto est déjà en cours : réessayez dans un instant.', 'A Qonto sync is already running: try again in a moment.'),
  accountsNeedConnection: both("Qonto n'est pas connecté : impossible de lister les comptes.", 'Qonto is not connected: the accounts cannot be listed.'),
  bankAccountUnknown: both(
    (accounts: string) => `Compte Qonto inconnu : ${accounts}. Actualisez la liste des comptes.`,
    (accounts) => `Unknown Qonto account: ${accounts}. Refresh the list of accounts.`,
  ),
  webhookNeedsConnection: both("Qonto n'est pas connecté : connectez Qonto avant de vous abonner aux webhooks.", 'Qonto is not connected: connect Qonto before subscribing to webhooks.'),
  webhookNeedsOAuth: both(
    "Qonto n'ouvre les webhooks qu'aux connexions OAuth : avec une clé API, la synchronisation périodique importe les paiements.",
    'Qonto only opens webhooks to OAuth connections: with an API key, the periodic sync imports the payments.',
  ),
  webhookNeedsPublicUrl: both(
    "Indiquez l'adresse publique du webhook (option publicWebhookUrl, variable QONTO_WEBHOOK_PUBLIC_URL), par exemple https://compta.exemple.fr/api/webhooks/qonto.",
    "Give the webhook's public address (option publicWebhookUrl, variable QONTO_WEBHOOK_PUBLIC_URL), for example https://books.example.com/api/webhooks/qonto.",
  ),
  webhookNeedsEncryptionKey: both(
    'Aucune clé de chiffrement configurée (option encryptionKey, variable QONTO_ENCRYPTION_KEY) : le secret du webhook ne peut pas être enregistré.',
    "No encryption key configured (option encryptionKey, variable QONTO_ENCRYPTION_KEY): the webhook's secret cannot be stored.",
  ),
  webhookNotManaged: both(
    "Aucun abonnement webhook géré par l'extension : créez-le d'abord (Vérifier l'abonnement).",
    'No webhook subscription managed by the extension: create it first (“Check the subscription”).',
  ),
  webhookNoOAuthToDelete: both('pas de connexion OAuth pour le supprimer chez Qonto', 'no OAuth connection to delete it at Qonto'),
}
/** A refusal of the Qonto feed. */
export type FeedErrorCode = keyof typeof FEED_ERROR_TEXTS

export const ERROR_TEXTS = {
  ...FEED_ERROR_TEXTS,
  // Associer: the request's shape.
  noInvoiceChosen: both('Choisissez au moins une facture.', 'Choose at least one invoice.'),
  invoiceTwice: both('La même facture apparaît deux fois.', 'The same invoice appears twice.'),
  allocationNotPositive: both('Chaque montant affecté doit être positif.', 'Each allocated amount must be positive.'),
  writeOffOutsideMatch: both("Un écart ne peut solder qu'une facture de cette association.", 'A write-off can only settle an invoice of this match.'),
  writeOffTwice: both("Une seule ligne d'écart par facture.", 'Only one write-off line per invoice.'),
  writeOffNotPositive: both("Le montant de l'écart doit être positif.", 'The write-off amount must be positive.'),
  writeOffReasonUnknown: both("Motif d'écart inconnu.", 'Unknown write-off reason.'),
  // Associer / Dissocier: the payment and the invoices as they are.
  transactionNotFound: both('Transaction introuvable.', 'Transaction not found.'),
  paymentNotFound: both('Paiement introuvable.', 'Payment not found.'),
  invoiceNotFound: both('Facture introuvable.', 'Invoice not found.'),
  transactionIsDebit: both(
    "Cette transaction est un débit : seuls les paiements reçus se rapprochent d'une facture.",
    'This transaction is a debit: only received payments are matched to an invoice.',
  ),
  paymentIgnored: both(
    "Ce paiement est ignoré (hors facture) : utilisez « Rétablir » avant de l'associer à une facture.",
    'This payment is ignored (not an invoice): use “Restore” before matching it to an invoice.',
  ),
  transactionNotSettled: both(
    "Cette transaction n'est pas exécutée par la banque (en cours, refusée ou annulée).",
    'This transaction is not settled by the bank (pending, declined or reversed).',
  ),
  transactionFullyMatched: both('Cette transaction est déjà entièrement rapprochée.', 'This transaction is already fully matched.'),
  paymentOverAllocated: both(
    (total: Cents, remaining: Cents) => `Montant affecté (${fr(total)}) supérieur au reste à affecter de la transaction (${fr(remaining)}).`,
    (total, remaining) => `Allocated amount (${en(total)}) above what is left to allocate on the transaction (${en(remaining)}).`,
  ),
  invoiceNotOpen: both((invoice: string, status: string) => `La facture ${invoice} ${notOpen.fr(status)}.`, (invoice, status) => `Invoice ${invoice} ${notOpen.en(status)}.`),
  currencyMismatch: both(
    (invoice: string, invoiceCurrency: string, paymentCurrency: string) => `Devise différente : la facture ${invoice} est en ${invoiceCurrency}, le paiement en ${paymentCurrency}.`,
    (invoice, invoiceCurrency, paymentCurrency) => `Different currency: invoice ${invoice} is in ${invoiceCurrency}, the payment in ${paymentCurrency}.`,
  ),
  alreadyMatchedTo: both((invoice: string) => `Ce paiement est déjà associé à ${invoice}.`, (invoice) => `This payment is already matched to ${invoice}.`),
  invoiceOverAllocated: both(
    (invoice: string, amount: Cents, open: Cents) => `Montant affecté à ${invoice} (${fr(amount)}) supérieur à son reste dû (${fr(open)}).`,
    (invoice, amount, open) => `Amount allocated to ${invoice} (${en(amount)}) above what it still owes (${en(open)}).`,
  ),
  writeOffOverLimit: both(
    (amount: Cents, invoice: string, max: Cents) => `Écart de ${fr(amount)} sur ${invoice} : au-delà de la limite de ${fr(max)}.`,
    (amount, invoice, max) => `Write-off of ${en(amount)} on ${invoice}: above the limit of ${en(max)}.`,
  ),
  writeOffMismatch: both(
    (invoice: string, open: Cents, sum: Cents) => `Pour solder ${invoice}, montant affecté et écart doivent faire exactement son reste dû (${fr(open)}), pas ${fr(sum)}.`,
    (invoice, open, sum) => `To settle ${invoice}, the allocated amount and the write-off must add up to exactly what it still owes (${en(open)}), not ${en(sum)}.`,
  ),
  notMatched: both("Cette transaction n'est associée à aucune facture.", 'This transaction is not matched to any invoice.'),
  autoReconcileChanged: both(
    (count: number, total: Cents) =>
      `Les rapprochements possibles ont changé depuis l'aperçu (${count} paiement${s(count)}, ${fr(total)} maintenant) : rien n'a été modifié. Vérifiez la nouvelle liste puis confirmez.`,
    (count, total) => `The possible matches have changed since the preview (${count} payment${s(count)}, ${en(total)} now): nothing was changed. Check the new list, then confirm.`,
  ),
  // Surplus and client credits.
  surplusAlreadyExplained: both("L'excédent de ce paiement est déjà expliqué.", "This payment's surplus is already explained."),
  noSurplus: both("Ce paiement n'a pas d'excédent.", 'This payment has no surplus.'),
  matchBeforeSurplus: both(
    "Associez d'abord ce paiement aux factures qu'il règle : l'excédent est ce qui reste une fois elles soldées.",
    'First match this payment to the invoices it pays: the surplus is what is left once they are settled.',
  ),
  creditForOneClient: both(
    'Un avoir est pour un seul client : ce paiement règle des factures de plusieurs clients (ou sans client).',
    'A credit is for one client only: this payment pays invoices of several clients (or of none).',
  ),
  creditNotFound: both('Avoir introuvable ou annulé.', 'Credit not found or cancelled.'),
  creditUsedUp: both('Cet avoir est entièrement utilisé.', 'This credit is fully used.'),
  creditOfAnotherClient: both(
    (client: string | null) => `Cet avoir est celui de ${client ?? 'un autre client'} : il ne s'impute que sur ses factures.`,
    (client) => `This credit belongs to ${client ?? 'another client'}: it only applies to their invoices.`,
  ),
  invoiceNothingToPay: both((invoice: string) => `La facture ${invoice} n'a plus rien à payer.`, (invoice) => `Invoice ${invoice} has nothing left to pay.`),
  // Learning ("ne plus proposer").
  chooseSuggestionToDecline: both('Choisissez la suggestion à écarter.', 'Choose the suggestion to set aside.'),
  unknownPayerDeclineHere: both(
    'Payeur inconnu (ni nom ni IBAN) : écartez la suggestion pour ce paiement seulement.',
    'Unknown payer (no name, no IBAN): set the suggestion aside for this payment only.',
  ),
  declineNotFound: both('Cette suggestion écartée est introuvable ou déjà rétablie.', 'This set-aside suggestion cannot be found or is already restored.'),
  unknownPayerNothingToLearn: both("Payeur inconnu (ni nom ni IBAN) : il n'y a rien à apprendre de lui.", 'Unknown payer (no name, no IBAN): there is nothing to learn from them.'),
  // Ignorer (hors facture), rules.
  ignoreDebit: both("Ce paiement est un débit : seuls les paiements reçus s'expliquent hors facture.", 'This payment is a debit: only received payments are explained without an invoice.'),
  ignoreNotSettled: both(
    "Ce paiement n'est pas exécuté par la banque (en cours, refusé ou annulé) : il ne peut pas encore être ignoré.",
    'This payment is not settled by the bank (pending, declined or reversed): it cannot be ignored yet.',
  ),
  alreadyIgnored: both(
    (categoryCode: string) => `Ce paiement est déjà ignoré (${category('fr', categoryCode)}) : « Rétablir » le remet à rapprocher.`,
    (categoryCode) => `This payment is already ignored (${category('en', categoryCode)}): “Restore” puts it back to match.`,
  ),
  ignoreAlreadyMatched: both('Ce paiement est déjà associé à une facture : dissociez-le avant de l’ignorer.', 'This payment is already matched to an invoice: unmatch it before ignoring it.'),
  ignoreCategoryExpected: both(
    () => `catégorie attendue : ${Object.values(IGNORE_CATEGORY_TEXTS).map((t) => t.fr).join(', ')}`,
    () => `category expected: ${Object.values(IGNORE_CATEGORY_TEXTS).map((t) => t.en).join(', ')}`,
  ),
  ignoreNoteTooLong: both('note trop longue (500 caractères au plus)', 'note too long (500 characters at most)'),
  ignoreOtherNeedsNote: both('Catégorie « Autre » : précisez la raison dans la note.', 'Category “Other”: give the reason in the note.'),
  invalidRequest: both('Requête invalide.', 'Invalid request.'),
  noPayerIban: both(
    "Ce paiement n'a pas d'IBAN émetteur : choisissez « Toujours pour ce payeur » ou aucune règle.",
    'This payment has no sender IBAN: choose “Always for this payer” or no rule.',
  ),
  noPayerName: both(
    "Ce paiement n'a pas de nom d'émetteur : choisissez « Toujours pour cet IBAN » ou aucune règle.",
    'This payment has no sender name: choose “Always for this IBAN” or no rule.',
  ),
  ruleNotFound: both('Règle introuvable.', 'Rule not found.'),
  ruleOff: both('Cette règle est désactivée : elle ne s’applique plus.', 'This rule is turned off: it no longer applies.'),
  ruleAlreadyOff: both('Cette règle est déjà désactivée.', 'This rule is already turned off.'),
  rulePaymentsChanged: both(
    (n: number) => `Les paiements concernés ont changé depuis l’affichage (${n} paiement${s(n)} aujourd’hui) : rien n’a été modifié, rechargez la page et vérifiez avant de confirmer.`,
    (n) => `The payments concerned have changed since the page was shown (${n} payment${s(n)} now): nothing was changed, reload the page and check before confirming.`,
  ),
  learnedNotFound: both('Cet apprentissage est introuvable ou déjà oublié.', 'This learned item cannot be found or was already forgotten.'),
  notIgnored: both("Ce paiement n'est pas ignoré : il n'y a rien à rétablir.", 'This payment is not ignored: there is nothing to restore.'),
  // Closing a period.
  closeOnlyPast: both(
    (through: IsoDay, yesterday: IsoDay) =>
      `Impossible de clôturer jusqu’au ${dayIn('fr', through)} : seule une période achevée se clôture (au plus tard la veille, le ${dayIn('fr', yesterday)}).`,
    (through, yesterday) => `Cannot close through ${dayIn('en', through)}: only a finished period can be closed (yesterday, ${dayIn('en', yesterday)}, at the latest).`,
  ),
  alreadyClosed: both(
    (current: IsoDay) => `La période est déjà close jusqu’au ${dayIn('fr', current)} : une clôture ne revient jamais en arrière.`,
    (current) => `The period is already closed through ${dayIn('en', current)}: a closing never goes back.`,
  ),
}

export type ErrorCode = keyof typeof ERROR_TEXTS
type TextOf<K extends ErrorCode> = (typeof ERROR_TEXTS)[K]['fr']
/** The values a code's text is built from (none for a fixed text). */
export type ErrorParams<K extends ErrorCode> = TextOf<K> extends (...args: infer A) => string ? A : []
/** A code with its values, as one argument list: `['paymentOverAllocated', total, remaining]`. */
export type ErrorArgs = { [K in ErrorCode]: [code: K, ...params: ErrorParams<K>] }[ErrorCode]

/** The text of a code in a language. */
export function errorText(language: Language, code: ErrorCode, params: readonly unknown[]): string {
  const text: unknown = ERROR_TEXTS[code][language]
  return typeof text === 'function' ? (text as (...args: unknown[]) => string)(...params) : (text as string)
}
