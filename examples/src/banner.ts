/**
 * What `npm start` prints for a newcomer: where the back-office is, what is demo, what is not
 * configured and how to configure it (development only; production logs JSON lines).
 */
export interface BannerFacts {
  url: string
  adminEmail: string
  adminPassword: string
  /** QONTO_* credentials and account given: the periodic sync can run. */
  qontoConfigured: boolean
  syncIntervalMinutes: number
  /** QONTO_WEBHOOK_SECRET given: the webhook route verifies and accepts deliveries. */
  webhookConfigured: boolean
  /** SMTP_URL given: client e-mails are sent. */
  smtpConfigured: boolean
  /** The embedded database's folder (PGlite), when DATABASE_URL is not set. */
  embeddedDatabaseDir?: string
  /** Where the development key encrypting the stored Qonto connection lives, when QONTO_ENCRYPTION_KEY is not set. */
  devEncryptionKeyFile?: string
}

const README = 'README, section « Configuration of the reference host (environment) »'

/** Everything that is off, with the variables that turn it on (empty when everything is configured). */
export function notConfigured(facts: BannerFacts): string[] {
  const lines: string[] = []
  if (!facts.qontoConfigured) {
    lines.push(
      'Qonto : aucune connexion, la synchronisation est désactivée (le bouton « Synchroniser Qonto » est masqué).',
      '  → la page « Connexion Qonto » du panneau (OAuth ou clé API), ou QONTO_LOGIN + QONTO_SECRET_KEY (clé API) / QONTO_ACCESS_TOKEN (OAuth) avec QONTO_IBAN ou QONTO_BANK_ACCOUNT_ID.',
    )
  } else if (facts.syncIntervalMinutes === 0) {
    lines.push('Qonto : synchronisation automatique désactivée (QONTO_SYNC_INTERVAL=0) ; le bouton « Synchroniser Qonto » reste disponible.')
  }
  if (!facts.webhookConfigured) {
    lines.push('Webhook Qonto (/api/webhooks/qonto) : répond 503, aucun secret.', '  → QONTO_WEBHOOK_SECRET (le secret de l’abonnement Qonto).')
  }
  if (facts.devEncryptionKeyFile) {
    lines.push(`Connexion Qonto (page « Connexion Qonto ») : clé de chiffrement de démo dans ${facts.devEncryptionKeyFile}.`, '  → en production : QONTO_ENCRYPTION_KEY (32 octets aléatoires, `openssl rand -base64 32`).')
  }
  if (!facts.smtpConfigured) {
    lines.push('E-mails « facture réglée » aux clients : écrits dans le journal, pas envoyés.', '  → SMTP_URL (par ex. smtps://utilisateur:motdepasse@smtp.exemple.fr).')
  }
  return lines
}

export function startBanner(facts: BannerFacts): string {
  const missing = notConfigured(facts)
  return [
    '',
    `Back-office : ${facts.url}`,
    '',
    `Démo : données fictives (agence Glow, un mois de factures et de virements)${facts.embeddedDatabaseDir ? `, base embarquée dans ${facts.embeddedDatabaseDir} (supprimez ce dossier pour repartir de zéro)` : ''}.`,
    `  Connexion démo : ${facts.adminEmail} / ${facts.adminPassword} (administratrice)`,
    '  Lecture seule : comptable@agence-glow.fr / demo-lecture-2026 (expert-comptable)',
    ...(missing.length > 0 ? ['', 'Non configuré :', ...missing.map((line) => `  ${line}`), `  Variables d’environnement : ${README}.`] : ['', 'Qonto, webhook et e-mails configurés.']),
    '',
    'Arrêt : Ctrl-C.',
    '',
    '',
  ].join('\n')
}
