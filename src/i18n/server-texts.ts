/**
 * What the server writes for people, in French and English: notifications (into the host's model),
 * the client e-mail, and the panel's notices. Picked by the context's language (the configured
 * `language`, else the host's AdminJS locale; French by default).
 */
import type { Language } from '../admin/locale/language.js'
import { both, pick, type Picked, s } from './both.js'


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
  feedStale: {
    title: both('Flux Qonto interrompu', 'Qonto feed interrupted'),
    warning: both(
      (since: string, advice: string | null) =>
        `Aucune nouvelle de Qonto depuis le ${since} (ni synchronisation réussie ni webhook) : les paiements récents manquent peut-être. ${advice ?? 'Lancez « Synchroniser Qonto » et vérifiez la connexion Qonto.'}`,
      (since: string, advice: string | null) =>
        `No news from Qonto since ${since} (neither a successful sync nor a webhook): recent payments may be missing. ${advice ?? 'Run “Sync Qonto” and check the Qonto connection.'}`,
    ),
  },
  /** What to do about a sync error (feed health), by what the error says. */
  syncAdvice: {
    refused: both("Qonto refuse l'accès : reconnectez Qonto (page Connexion Qonto) ou vérifiez la clé API.", 'Qonto refuses access: reconnect Qonto (Qonto connection page) or check the API key.'),
    rateLimited: both('Qonto limite le nombre de requêtes : la prochaine synchronisation réessaiera, rien à faire.', 'Qonto is limiting requests: the next sync will try again, nothing to do.'),
    unavailable: both(
      "Qonto est momentanément indisponible ou injoignable : la synchronisation réessaiera d'elle-même ; si cela dure, vérifiez l'accès Internet du serveur.",
      "Qonto is unavailable or unreachable for now: the sync will try again on its own; if it lasts, check the server's Internet access.",
    ),
    accountNotFound: both(
      'Qonto ne trouve pas ce compte bancaire : vérifiez les comptes choisis (Comptes bancaires) ou QONTO_BANK_ACCOUNT_ID / QONTO_IBAN.',
      'Qonto cannot find this bank account: check the accounts chosen (Bank accounts) or QONTO_BANK_ACCOUNT_ID / QONTO_IBAN.',
    ),
    requestRefused: both('Qonto refuse la requête : vérifiez le compte bancaire configuré (identifiant ou IBAN).', 'Qonto refuses the request: check the configured bank account (id or IBAN).'),
    unexpected: both(
      "Réponse inattendue de Qonto : prévenez l'administrateur technique (le détail est dans le journal du serveur).",
      "Unexpected answer from Qonto: tell the technical administrator (the details are in the server's log).",
    ),
    alreadyRunning: both('Une autre synchronisation était en cours : rien à faire.', 'Another sync was running: nothing to do.'),
    other: both("Relancez la synchronisation ; si l'erreur persiste, prévenez l'administrateur technique.", 'Run the sync again; if the error goes on, tell the technical administrator.'),
  },
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
  /** Ignorer (hors facture), Rétablir, the payer rules: the panel's notices. */
  ignore: {
    ruleChoice: both(
      (type: 'IBAN' | 'PAYEUR', label: string) => (type === 'IBAN' ? `Toujours pour cet IBAN : ${label}` : `Toujours pour ce payeur : ${label}`),
      (type: 'IBAN' | 'PAYEUR', label: string) => (type === 'IBAN' ? `Always for this IBAN: ${label}` : `Always for this payer: ${label}`),
    ),
    ignored: both(
      (category: string, rule: string | null) => `Paiement ignoré (${category}).${rule ? ` ${rule} : les prochains paiements seront ignorés automatiquement.` : ''}`,
      (category: string, rule: string | null) => `Payment ignored (${category}).${rule ? ` ${rule}: the next payments will be ignored automatically.` : ''}`,
    ),
    ruleApplied: both(
      (n: number) => `${n} autre${s(n)} paiement${s(n)} de ce payeur ignoré${s(n)} par la règle.`,
      (n: number) => `${n} other payment${s(n)} of this payer ignored by the rule.`,
    ),
    restored: both(
      (activeRule: string | null) =>
        `Paiement rétabli : il est de nouveau à rapprocher.${activeRule ? ` La règle « ${activeRule} » reste active : désactivez-la dans « Règles hors facture » si elle ne convient plus.` : ''}`,
      (activeRule: string | null) =>
        `Payment restored: it is to match again.${activeRule ? ` The rule “${activeRule}” stays active: turn it off in “Not-an-invoice rules” if it no longer fits.` : ''}`,
    ),
    ruleOff: both(
      (payer: string) => `Règle désactivée : les prochains paiements de ${payer} seront de nouveau à rapprocher. Ceux déjà ignorés le restent (« Rétablir » sur chacun).`,
      (payer: string) => `Rule turned off: the next payments of ${payer} will be to match again. Those already ignored stay so (“Restore” on each).`,
    ),
    incompleteConfirmation: both(
      'Confirmation incomplète : la liste des paiements affichés (expectedFingerprint) manque ou est invalide. Rien n’a été modifié, rechargez la page.',
      'Incomplete confirmation: the list of the payments shown (expectedFingerprint) is missing or invalid. Nothing was changed, reload the page.',
    ),
  },
  /** Closing a period, and a change to a payment of a closed period. */
  closing: {
    closed: both(
      (through: string, nextDay: string) => `Période close jusqu’au ${through} : plus aucune écriture ne sera datée de ces jours ; une modification sera passée au ${nextDay} ou après.`,
      (through: string, nextDay: string) => `Period closed through ${through}: no entry will be dated on these days any more; a change will be booked on ${nextDay} or later.`,
    ),
    unbookable: both(
      (n: number, shown: string) =>
        ` Attention : ${n} paiement(s) de la période sans montant en euros (${shown}) n’ont pas pu être numérotés ; une fois leur montant en euros connu, ils seront passés au premier jour ouvert.`,
      (n: number, shown: string) => ` Warning: ${n} payment(s) of the period without a euro amount (${shown}) could not be numbered; once their euro amount is known, they will be booked on the first open day.`,
    ),
    entry: both(
      (number: string, reversal: boolean, day: string) => `${number}${reversal ? ' (contre-passation)' : ''} datée du ${day}`,
      (number: string, reversal: boolean, day: string) => `${number}${reversal ? ' (reversal)' : ''} dated ${day}`,
    ),
    changeBooked: both(
      (closed: string, day: string, entries: string | null) => `Période close jusqu’au ${closed} : les écritures de ce paiement du ${day} n’y changent pas${entries ? ` ; écriture ${entries}` : ''}.`,
      (closed: string, day: string, entries: string | null) => `Period closed through ${closed}: the entries of this payment of ${day} do not change there${entries ? `; entry ${entries}` : ''}.`,
    ),
    adminOnly: both('Seul un administrateur peut clôturer une période.', 'Only an administrator can close a period.'),
    invalidRequest: both((issues: string) => `Requête invalide : ${issues}`, (issues: string) => `Invalid request: ${issues}`),
    cliBooked: both((n: number) => `${n} écriture(s) numérotée(s) avant la clôture.`, (n: number) => `${n} entr${n > 1 ? 'ies' : 'y'} numbered before the closing.`),
  },
  /** The "Connexion Qonto" page's commands. */
  connection: {
    adminOnly: both('Seul un administrateur peut connecter ou déconnecter Qonto.', 'Only an administrator can connect or disconnect Qonto.'),
    noCookie: both(
      'Connexion OAuth indisponible : le serveur ne peut pas poser le cookie de connexion (adaptateur Express requis).',
      'OAuth connection unavailable: the server cannot set the connection cookie (Express adapter required).',
    ),
    redirecting: both('Redirection vers Qonto…', 'Redirecting to Qonto…'),
    connected: both(
      (organization: string | null, mode: string) => `Qonto connecté avec la clé API${organization ? ` (${organization})` : ''}. ${mode} Comptes et première synchronisation en cours.`,
      (organization: string | null, mode: string) => `Qonto connected with the API key${organization ? ` (${organization})` : ''}. ${mode} Accounts and first sync under way.`,
    ),
    partlyDisconnected: both(
      (left: string) => `Identifiants supprimés de ce back-office, mais ${left}.`,
      (left: string) => `Credentials deleted from this back-office, but ${left}.`,
    ),
    disconnected: both(
      'Qonto déconnecté : l’abonnement et l’autorisation sont retirés chez Qonto, les identifiants supprimés ici.',
      'Qonto disconnected: the subscription and the authorization are removed at Qonto, the credentials deleted here.',
    ),
    unknownCommand: both('Commande inconnue.', 'Unknown command.'),
    title: both('Connexion Qonto', 'Qonto connection'),
    back: both('Retour à la page « Connexion Qonto »', 'Back to the “Qonto connection” page'),
    oauthConnected: both(
      (organization: string | null) => `Qonto est connecté${organization ? ` (${organization})` : ''}.`,
      (organization: string | null) => `Qonto is connected${organization ? ` (${organization})` : ''}.`,
    ),
    oauthFailed: both(
      'La connexion à Qonto a échoué : réessayez ; si elle persiste, prévenez l’administrateur.',
      'The connection to Qonto failed: try again; if it goes on, tell the administrator.',
    ),
    failed: both(
      'La commande a échoué : réessayez ; si elle persiste, prévenez l’administrateur.',
      'The command failed: try again; if it goes on, tell the administrator.',
    ),
  },
  /** "Rapprocher automatiquement" (a selection, or every payment): preview, confirmation, result. */
  autoReconcile: {
    noneReviewed: both('Aucun des paiements sélectionnés n’a de suggestion « sûr » ou « probable » à accepter.', 'None of the selected payments has a “sure” or “likely” suggestion to accept.'),
    previewReviewed: both(
      (n: number, total: string) => `${n} paiement${s(n)}, ${total} : leur meilleure suggestion sera acceptée. Rien n'est appliqué avant votre confirmation.`,
      (n: number, total: string) => `${n} payment${s(n)}, ${total}: their best suggestion will be accepted. Nothing is applied before you confirm.`,
    ),
    none: both('Aucun paiement ne peut être rapproché automatiquement sans ambiguïté.', 'No payment can be matched automatically without ambiguity.'),
    preview: both(
      (n: number, total: string) => `${n} paiement${s(n)}, ${total} : rapprochement sans ambiguïté possible. Rien n'est appliqué avant votre confirmation.`,
      (n: number, total: string) => `${n} payment${s(n)}, ${total}: can be matched without ambiguity. Nothing is applied before you confirm.`,
    ),
    accepted: both(
      (matched: number, left: number) => `${matched} suggestion${s(matched)} acceptée${s(matched)}${left > 0 ? `, ${left} paiement${s(left)} laissé${s(left)} à traiter` : ''}.`,
      (matched: number, left: number) => `${matched} suggestion${s(matched)} accepted${left > 0 ? `, ${left} payment${s(left)} left to handle` : ''}.`,
    ),
    matched: both(
      (matched: number, left: number) => `${matched} paiement${s(matched)} rapproché${s(matched)} automatiquement, ${left} à traiter.`,
      (matched: number, left: number) => `${matched} payment${s(matched)} matched automatically, ${left} to handle.`,
    ),
    invalidCommand: both(
      "Requête invalide : attendu { confirm: true, expectedCount: nombre de paiements de l'aperçu, expectedFingerprint: empreinte de l'aperçu }. Rien n'a été modifié.",
      'Invalid request: expected { confirm: true, expectedCount: number of payments in the preview, expectedFingerprint: fingerprint of the preview }. Nothing was changed.',
    ),
    noCount: both(
      "Confirmation incomplète : le nombre de paiements vu dans l'aperçu (expectedCount) manque. Rien n'a été modifié.",
      'Incomplete confirmation: the number of payments seen in the preview (expectedCount) is missing. Nothing was changed.',
    ),
    noFingerprint: both(
      "Confirmation incomplète : l'empreinte de l'aperçu (expectedFingerprint) manque, rechargez l'aperçu. Rien n'a été modifié.",
      'Incomplete confirmation: the fingerprint of the preview (expectedFingerprint) is missing, reload the preview. Nothing was changed.',
    ),
  },
  notices: {
    surplusCredit: both(
      (amount: string) => `Excédent de ${amount} enregistré en avoir client : il sera proposé sur ses prochaines factures.`,
      (amount: string) => `Surplus of ${amount} recorded as a client credit: it will be offered on their next invoices.`,
    ),
    surplusRefund: both((amount: string) => `Excédent de ${amount} enregistré comme remboursement à effectuer.`, (amount: string) => `Surplus of ${amount} recorded as a refund to make.`),
    creditApplied: both(
      (amount: string, invoice: string, remaining: string | null) => `Avoir de ${amount} imputé sur ${invoice} (${remaining === null ? 'payée' : `reste ${remaining}`}).`,
      (amount: string, invoice: string, remaining: string | null) => `Credit of ${amount} applied to ${invoice} (${remaining === null ? 'paid' : `${remaining} left`}).`,
    ),
    writeOff: both(
      (amount: string, reason: 'FRAIS_BANCAIRES' | 'ARRONDI' | 'AUTRE', account: string) =>
        `Écart de ${amount} (${{ FRAIS_BANCAIRES: 'frais bancaires', ARRONDI: 'arrondi', AUTRE: 'autre' }[reason]}, compte ${account})`,
      (amount: string, reason: 'FRAIS_BANCAIRES' | 'ARRONDI' | 'AUTRE', account: string) =>
        `Write-off of ${amount} (${{ FRAIS_BANCAIRES: 'bank fees', ARRONDI: 'rounding', AUTRE: 'other' }[reason]}, account ${account})`,
    ),
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
