/**
 * What the Qonto feed's use-cases write for the panel (src/feed/): the « Connexion Qonto » page's
 * hints and labels, and the progress of the feed being put live. French and English side by side;
 * `feedTexts(language)` picks one (the panel's language).
 */
import type { Language } from '../domain/language.js'
import { both, pick, type Picked, s } from './both.js'

const imported = both((n: number) => `${n} paiement${s(n)} importé${s(n)}`, (n: number) => `${n} payment${s(n)} imported`)

export const FEED_TEXTS = {
  connection: {
    hints: {
      envPrecedence: both(
        'Les variables d’environnement QONTO_* du serveur sont utilisées : elles priment sur la connexion enregistrée ici.',
        "The server's QONTO_* environment variables are used: they take precedence over the connection stored here.",
      ),
      encryptionKey: both(
        'Configurez QONTO_ENCRYPTION_KEY (32 octets aléatoires, `openssl rand -base64 32`) pour enregistrer une connexion.',
        'Set QONTO_ENCRYPTION_KEY (32 random bytes, `openssl rand -base64 32`) to store a connection.',
      ),
      reconnect: both(
        'Reconnectez Qonto ci-dessous (« Reconnecter avec Qonto » ou une clé API) : la synchronisation est arrêtée en attendant.',
        'Reconnect Qonto below (“Reconnect with Qonto” or an API key): the sync is stopped until then.',
      ),
      connect: both(
        'Connectez Qonto avec OAuth (recommandé : webhooks possibles) ou avec une clé API (synchronisation périodique seulement).',
        'Connect Qonto with OAuth (recommended: webhooks possible) or with an API key (periodic sync only).',
      ),
    },
    methods: { OAUTH: both('OAuth (Connecter avec Qonto)', 'OAuth (Connect with Qonto)'), API_KEY: both('Clé API', 'API key') },
    statuses: { CONNECTED: both('connecté', 'connected'), DISCONNECTED: both('déconnecté', 'disconnected') },
    credentials: both((since: string) => `•••• enregistrée le ${since}`, (since: string) => `•••• stored on ${since}`),
  },
  bankAccounts: {
    refreshed: both((n: number) => `${n} compte${s(n)} Qonto à jour.`, (n: number) => `${n} Qonto account${s(n)} up to date.`),
    chosen: both(
      'Choix des comptes enregistré : il vaut dès la prochaine synchronisation.',
      'Account choice saved: it applies from the next sync.',
    ),
    subscription: both(
      (status: 'ok' | 'created' | 'recreated' | 'repaired' | 'adopted', url: string) =>
        `L'abonnement webhook ${{ ok: 'est en place', created: 'a été créé', recreated: 'a été recréé', repaired: 'a été réparé', adopted: 'a été repris' }[status]} (${url}).`,
      (status: 'ok' | 'created' | 'recreated' | 'repaired' | 'adopted', url: string) =>
        `The webhook subscription ${{ ok: 'is in place', created: 'was created', recreated: 'was created again', repaired: 'was repaired', adopted: 'was taken over' }[status]} (${url}).`,
    ),
    backfillImpossible: both((error: string) => ` Rattrapage impossible pour l'instant : ${error}`, (error: string) => ` Catching up is not possible for now: ${error}`),
    secretRotated: both(
      (until: string) => `Nouveau secret en place ; l'ancien reste accepté jusqu'à ${until}.`,
      (until: string) => `New secret in place; the former one is still accepted until ${until}.`,
    ),
    invalidRequest: both((detail: string) => `Requête invalide : ${detail}`, (detail: string) => `Invalid request: ${detail}`),
    request: both('requête', 'request'),
    failed: both("L'opération a échoué ; réessayez ou prévenez l'administrateur.", 'The operation failed; try again or tell the administrator.'),
  },
  live: {
    sync: {
      running: both((n: number) => `Synchronisation en cours… ${imported.fr(n)} pour l’instant.`, (n: number) => `Sync under way… ${imported.en(n)} so far.`),
      failed: both((n: number, error: string) => `La synchronisation a échoué : ${error} (${imported.fr(n)}).`, (n: number, error: string) => `The sync failed: ${error} (${imported.en(n)}).`),
      done: both((n: number) => `Synchronisation terminée : ${imported.fr(n)}.`, (n: number) => `Sync done: ${imported.en(n)}.`),
      waiting: both('Synchronisation à venir.', 'Sync to come.'),
    },
    every: both((minutes: number) => `toutes les ${minutes} minutes`, (minutes: number) => `every ${minutes} minutes`),
    webhook: both(
      (url: string, every: string | null) => `En temps réel : Qonto envoie chaque opération au webhook (${url})${every ? `, et une synchronisation ${every} rattrape un envoi manqué` : ''}.`,
      (url: string, every: string | null) => `Real time: Qonto posts every transaction to the webhook (${url})${every ? `, and a sync ${every} catches up on a missed one` : ''}.`,
    ),
    apiKey: both(
      (every: string | null) =>
        `Connexion par clé API : Qonto n’envoie pas de webhooks aux clés API, le flux est interrogé ${every ?? 'à la demande seulement (synchronisation périodique désactivée) : lancez « Synchroniser Qonto »'}.`,
      (every: string | null) => `API key connection: Qonto sends no webhooks to API keys, the feed is polled ${every ?? 'on demand only (periodic sync turned off): run “Sync Qonto”'}.`,
    ),
    noSubscription: both(
      (every: string | null) => `Sans abonnement webhook pour l’instant, le flux est interrogé ${every ?? 'à la demande seulement (synchronisation périodique désactivée)'}.`,
      (every: string | null) => `With no webhook subscription for now, the feed is polled ${every ?? 'on demand only (periodic sync turned off)'}.`,
    ),
    notConnected: both('Qonto n’est pas connecté.', 'Qonto is not connected.'),
  },
}

export type FeedTexts = Picked<typeof FEED_TEXTS>
const PICKED: Record<Language, FeedTexts> = { fr: pick(FEED_TEXTS, 'fr'), en: pick(FEED_TEXTS, 'en') }

/** The feed's texts in a language. */
export const feedTexts = (language: Language): FeedTexts => PICKED[language]
