/**
 * What the server writes for people, in French and English: notifications (into the host's model),
 * the client e-mail, and the panel's notices. Picked by the context's language (the configured
 * `language`, else the host's AdminJS locale; French by default).
 */
import type { Language } from '../admin/locale/language.js'
import { both, pick, type Picked } from './both.js'

const s = (n: number) => (n > 1 ? 's' : '')

export const SERVER_TEXTS = {
  unknownPayer: both('émetteur inconnu', 'unknown sender'),
  newPayment: {
    title: both('Nouveau paiement Qonto', 'New Qonto payment'),
    message: both(
      (amount: string, payer: string, ignoredAs: string | null) => `Nouveau paiement Qonto : ${amount} – ${payer}${ignoredAs ? ` (ignoré, hors facture : ${ignoredAs})` : ''}`,
      (amount: string, payer: string, ignoredAs: string | null) => `New Qonto payment: ${amount} – ${payer}${ignoredAs ? ` (ignored, not an invoice: ${ignoredAs})` : ''}`,
    ),
  },
  connectionLost: {
    title: both('Connexion Qonto perdue', 'Qonto connection lost'),
    message: both((reason: string, hint: string) => `La synchronisation Qonto est arrêtée : ${reason} ${hint}`, (reason: string, hint: string) => `Qonto sync has stopped: ${reason} ${hint}`),
  },
  eventRejected: {
    title: both('Événement Qonto écarté', 'Qonto event set aside'),
    message: both((reason: string) => `Un événement Qonto n'a pas pu être traité et ne sera pas réessayé : ${reason}`, (reason: string) => `A Qonto event could not be processed and will not be retried: ${reason}`),
  },
  transactionRejected: {
    title: both('Transaction Qonto écartée', 'Qonto transaction set aside'),
    noId: both('sans identifiant', 'without an id'),
    message: both(
      (id: string, payer: string | null, reason: string) => `La transaction Qonto ${id}${payer ? ` (${payer})` : ''} n’a pas été importée : ${reason}. Les autres opérations de la synchronisation l’ont été.`,
      (id: string, payer: string | null, reason: string) => `The Qonto transaction ${id}${payer ? ` (${payer})` : ''} was not imported: ${reason}. The sync's other operations were.`,
    ),
  },
  feedStale: { title: both('Flux Qonto interrompu', 'Qonto feed interrupted') },
  autoMatch: {
    title: both('Rapprochement automatique', 'Automatic match'),
    message: both(
      (amount: string, payer: string, invoices: string) => `Paiement de ${amount} (${payer}) rapproché de ${invoices}.`,
      (amount: string, payer: string, invoices: string) => `Payment of ${amount} (${payer}) matched to ${invoices}.`,
    ),
  },
  emailSetAside: {
    title: both('E-mail client non envoyé', 'Client e-mail not sent'),
    message: both(
      (subject: string, to: string, reason: string) => `L'e-mail « ${subject} » à ${to} n'est plus réessayé (${reason}). Vérifiez auprès du client avant de le renvoyer.`,
      (subject: string, to: string, reason: string) => `The e-mail “${subject}” to ${to} is no longer retried (${reason}). Check with the client before sending it again.`,
    ),
  },
  bankCancellation: {
    title: both((declined: boolean) => `Paiement ${declined ? 'refusé' : 'annulé'} par la banque`, (declined: boolean) => `Payment ${declined ? 'declined' : 'reversed'} by the bank`),
    message: both(
      (declined: boolean, amount: string, payer: string, consequence: string) => `Le paiement de ${amount} (${payer}) a été ${declined ? 'refusé' : 'annulé'} : ${consequence}.`,
      (declined: boolean, amount: string, payer: string, consequence: string) => `The payment of ${amount} (${payer}) was ${declined ? 'declined' : 'reversed'}: ${consequence}.`,
    ),
  },
  paidEmail: {
    signature: both("L'équipe", 'The team'),
    subjectOne: both((invoice: string) => `Facture ${invoice} réglée`, (invoice: string) => `Invoice ${invoice} paid`),
    subjectMany: both((invoices: string) => `Factures ${invoices} réglées`, (invoices: string) => `Invoices ${invoices} paid`),
    textOne: both(
      (amount: string, invoice: string, day: string) => `Bonjour,\n\nNous avons bien reçu votre règlement de ${amount} pour la facture ${invoice} (paiement du ${day}).\nElle est désormais soldée. Merci !\n`,
      (amount: string, invoice: string, day: string) => `Hello,\n\nWe have received your payment of ${amount} for invoice ${invoice} (payment of ${day}).\nIt is now settled. Thank you!\n`,
    ),
    textMany: both(
      (amount: string, day: string, lines: string) => `Bonjour,\n\nNous avons bien reçu votre règlement de ${amount} (paiement du ${day}) pour les factures :\n${lines}Elles sont désormais soldées. Merci !\n`,
      (amount: string, day: string, lines: string) => `Hello,\n\nWe have received your payment of ${amount} (payment of ${day}) for the invoices:\n${lines}They are now settled. Thank you!\n`,
    ),
  },
  emailNotices: {
    now: both((subjects: string) => `Le client reçoit maintenant ${subjects}.`, (subjects: string) => `The client is getting ${subjects} now.`),
    later: both(
      (subjects: string, time: string) => `Le client recevra ${subjects} vers ${time} ; Dissocier d'ici là l'annule.`,
      (subjects: string, time: string) => `The client will get ${subjects} around ${time}; Unmatch before then cancels it.`,
    ),
    quote: both((subject: string) => `« ${subject} »`, (subject: string) => `“${subject}”`),
    cancelled: both((subject: string, to: string) => `L'e-mail « ${subject} » à ${to} ne partira pas.`, (subject: string, to: string) => `The e-mail “${subject}” to ${to} will not go out.`),
    sent: both(
      (at: string, invoice: string) => `Le client a été prévenu le ${at} que la facture ${invoice} était réglée : prévenez-le de la correction.`,
      (at: string, invoice: string) => `The client was told on ${at} that invoice ${invoice} was paid: tell them about the correction.`,
    ),
    sending: both(
      (subject: string, to: string, invoice: string) => `L'e-mail « ${subject} » à ${to} part en ce moment : s'il échoue, il sera annulé ; s'il part, le client aura été prévenu que la facture ${invoice} était réglée, prévenez-le de la correction.`,
      (subject: string, to: string, invoice: string) => `The e-mail “${subject}” to ${to} is going out right now: if it fails it will be cancelled; if it goes, the client will have been told invoice ${invoice} was paid: tell them about the correction.`,
    ),
  },
  sync: {
    summary: both(
      (created: number, updated: number, unchanged: number, skipped: number) =>
        `${created} nouvelle${s(created)}, ${updated} mise${s(updated)} à jour, ${unchanged} inchangée${s(unchanged)}, ${skipped} ignorée${s(skipped)} (plus ancienne${s(skipped)})`,
      (created: number, updated: number, unchanged: number, skipped: number) => `${created} new, ${updated} updated, ${unchanged} unchanged, ${skipped} skipped (older)`,
    ),
    done: both((summary: string) => `Synchronisation terminée : ${summary}.`, (summary: string) => `Sync done: ${summary}.`),
    autoMatched: both((n: number) => ` ${n} rapprochée(s) automatiquement.`, (n: number) => ` ${n} matched automatically.`),
    autoReport: both((matched: number, left: number) => `Rapprochement automatique : ${matched} rapprochée(s), ${left} à traiter.`, (matched: number, left: number) => `Automatic matching: ${matched} matched, ${left} to handle.`),
    page: both(
      (page: number, total: number | null | undefined, received: number) => `Page ${page}${total ? `/${total}` : ''} : ${received} transactions enregistrées`,
      (page: number, total: number | null | undefined, received: number) => `Page ${page}${total ? `/${total}` : ''}: ${received} transactions saved`,
    ),
    failed: both((why: string) => `Échec de la synchronisation : ${why}`, (why: string) => `Sync failed: ${why}`),
    accountFailed: both((account: string, error: string) => ` Échec sur « ${account} » : ${error}`, (account: string, error: string) => ` Failed on “${account}”: ${error}`),
    notConfigured: both(
      "La connexion à Qonto n'est pas configurée : demandez à l'administrateur du back-office de la mettre en place.",
      'The Qonto connection is not set up: ask the back-office administrator to set it up.',
    ),
    refused: both(
      "Qonto a refusé la connexion (accès expiré ou révoqué) : un administrateur doit reconnecter Qonto depuis la page « Connexion Qonto ». Rien n'a été modifié.",
      'Qonto refused the connection (access expired or revoked): an administrator must reconnect Qonto from the “Qonto connection” page. Nothing was changed.',
    ),
    rateLimited: both('Qonto limite le nombre de demandes pour le moment : réessayez dans quelques minutes.', 'Qonto is limiting requests for now: try again in a few minutes.'),
    qontoDown: both(
      "Qonto ne répond pas correctement pour le moment : réessayez dans quelques minutes. Les paiements déjà importés restent à jour jusqu'à la dernière synchronisation réussie.",
      'Qonto is not answering properly for now: try again in a few minutes. The payments already imported are up to date as of the last successful sync.',
    ),
    unknown: both(
      "La synchronisation a échoué : réessayez dans quelques minutes ; si cela continue, prévenez l'administrateur du back-office.",
      'The sync failed: try again in a few minutes; if it goes on, tell the back-office administrator.',
    ),
  },
  emailStates: {
    sent: both(
      (subject: string, to: string, at: string) => `E-mail « ${subject} » envoyé à ${to} le ${at} : le client sait que la facture est réglée.`,
      (subject: string, to: string, at: string) => `E-mail “${subject}” sent to ${to} on ${at}: the client knows the invoice is paid.`,
    ),
    waitingUntil: both(
      (subject: string, to: string, at: string) => `E-mail « ${subject} » à ${to} en attente jusqu'à ${at} : Dissocier l'annule.`,
      (subject: string, to: string, at: string) => `E-mail “${subject}” to ${to} waiting until ${at}: Unmatch cancels it.`,
    ),
    notYet: both((subject: string, to: string) => `E-mail « ${subject} » à ${to} pas encore parti : Dissocier l'annule.`, (subject: string, to: string) => `E-mail “${subject}” to ${to} not sent yet: Unmatch cancels it.`),
    sending: both((subject: string, to: string) => `E-mail « ${subject} » à ${to} en cours d'envoi.`, (subject: string, to: string) => `E-mail “${subject}” to ${to} being sent.`),
  },
  /** How a payment was matched (QontoAllocation.mode). */
  modes: {
    MANUEL: both('Manuel', 'Manual'),
    SUGGESTION: both('Suggestion acceptée', 'Suggestion accepted'),
    AUTOMATIQUE: both('Automatique', 'Automatic'),
  },
  notices: {
    invalidRequest: both('Requête invalide.', 'Invalid request.'),
    associated: both((invoices: string) => `Paiement associé à ${invoices}.`, (invoices: string) => `Payment matched to ${invoices}.`),
    confirmationNeeded: both(
      (why: string) => `Confirmation nécessaire : ${why}. Vérifiez les factures et les montants, puis confirmez l'association.`,
      (why: string) => `Confirmation needed: ${why}. Check the invoices and the amounts, then confirm the match.`,
    ),
    invalidSelection: both('Sélection invalide : de 1 à 100 paiements attendus. Rien n’a été modifié.', 'Invalid selection: 1 to 100 payments expected. Nothing was changed.'),
    notificationsRead: both((n: number) => `${n} notification${s(n)} marquée${s(n)} comme lue${s(n)}.`, (n: number) => `${n} notification${s(n)} marked as read.`),
    notReconcilable: both(
      "Ce n'est pas un paiement reçu exécuté par la banque : il ne se rapproche pas d'une facture.",
      'This is not a received payment settled by the bank: it is not matched to an invoice.',
    ),
    paid: both('payée', 'paid'),
    partlyPaid: both('partiellement payée', 'partly paid'),
    on: both('sur', 'on'),
    dissociated: both(
      (n: number) => `Association annulée (${n} facture${s(n)} remise${s(n)} en attente).`,
      (n: number) => `Match undone (${n} invoice${s(n)} back to awaiting payment).`,
    ),
    invalidMarkRead: both('Requête invalide : { ids: [...] } ou { all: true } attendu. Rien n’a été modifié.', 'Invalid request: { ids: [...] } or { all: true } expected. Nothing was changed.'),
    checkConfidence: both(
      (confidence: string, why: string | null) => `Confiance « ${confidence} »${why ? ` (${why})` : ''} : vérifiez les raisons, puis confirmez l'association.`,
      (confidence: string, why: string | null) => `Confidence “${confidence}”${why ? ` (${why})` : ''}: check the reasons, then confirm the match.`,
    ),
    notASureSuggestion: both(
      "Ce n'est pas une suggestion sûre du rapprochement : vérifiez le paiement, puis confirmez l'association.",
      'This is not a sure suggestion of the matcher: check the payment, then confirm the match.',
    ),
    invoiceAssociated: both('Paiement associé à la facture.', 'Payment matched to the invoice.'),
    noRightToReconcile: both("Vous n'avez pas le droit de rapprocher des paiements.", 'You may not match payments.'),
  },
  /** What confirmations taught about a payer (learned-habits.service.ts), in Associer's learning panel. */
  learned: {
    explanation: both(
      (day: string, invoices: string, by: string) => `Appris de votre rapprochement du ${day} (${invoices}, confirmé par ${by}).`,
      (day: string, invoices: string, by: string) => `Learned from your match of ${day} (${invoices}, confirmed by ${by}).`,
    ),
    forgotten: both(
      (what: string, client: string) => `« ${what} » n'est plus associé à ${client} : le rapprochement l'a oublié.`,
      (what: string, client: string) => `“${what}” is no longer tied to ${client}: matching has forgotten it.`,
    ),
  },
}

export type ServerTexts = Picked<typeof SERVER_TEXTS>
const PICKED: Record<Language, ServerTexts> = { fr: pick(SERVER_TEXTS, 'fr'), en: pick(SERVER_TEXTS, 'en') }

/** The server's texts in the context's language. */
export const serverTexts = (ctx: { language: { current: Language } }): ServerTexts => PICKED[ctx.language.current]
