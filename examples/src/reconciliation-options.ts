/**
 * How the agency's back-office plugs qonto-reconcile onto its own models. This is the part of the
 * README's "Add it to your AdminJS app" that names a host's models and fields; the server and the
 * CLI config (../qonto-reconcile.config.ts) both use it.
 */
import { fileURLToPath } from 'node:url'
import nodemailer from 'nodemailer'
import { notificationModel, qontoSettingsFromEnv, QontoConfigError, type CoreOptions, type Logger } from 'qonto-reconcile/core'
import { encryptionKeyOf, type AppConfig } from './config.js'
import type { Database } from './database.js'

export const SCHEMA_DIR = fileURLToPath(new URL('../prisma/schema', import.meta.url))

export function reconciliationOptions(db: Database, config: AppConfig, logger: Logger, env: NodeJS.ProcessEnv = process.env): CoreOptions {
  return {
    prisma: db.prisma,
    schema: SCHEMA_DIR,
    invoices: {
      model: 'Document',
      where: { type: 'FACTURE' },
      fields: {
        number: 'reference',
        total: 'montantTTC',
        status: 'statut',
        client: 'marqueId',
        issueDate: 'dateEmission',
        dueDate: 'dateEcheance',
        paidDate: 'datePaiement',
        paidAmount: 'montantPaye',
        currency: 'devise',
      },
      statuses: { open: ['ENVOYE', 'EN_ATTENTE'], partlyPaid: 'PARTIELLEMENT_PAYE', paid: 'PAYE', cancelled: ['ANNULE'] },
    },
    clients: { model: 'Marque', fields: { name: 'nom', ibans: 'ibans', email: 'emailContact', accountingAccount: 'compteComptable' } },
    users: {
      id: (user) => (typeof user.id === 'string' ? user.id : null),
      label: (user) => String(user.email),
      canReconcile: (user) => user.role === 'ADMIN',
    },
    notifications: notificationModel({
      model: 'Notification',
      fields: { user: 'userId', type: 'type', title: 'titre', message: 'message', link: 'lien', read: 'lu', date: 'date' },
      recipients: { model: 'User', where: { role: 'ADMIN', actif: true } },
    }),
    sendEmail: mailer(config, logger),
    qonto: optionalQontoSettings(env, logger),
    encryptionKey: encryptionKeyOf(config),
    qontoOAuth:
      config.QONTO_OAUTH_CLIENT_ID && config.QONTO_OAUTH_CLIENT_SECRET && config.QONTO_OAUTH_REDIRECT_URI
        ? { clientId: config.QONTO_OAUTH_CLIENT_ID, clientSecret: config.QONTO_OAUTH_CLIENT_SECRET, redirectUri: config.QONTO_OAUTH_REDIRECT_URI, environment: config.QONTO_OAUTH_ENVIRONMENT }
        : null,
    ...(config.QONTO_OAUTH_BASE_URL || env.QONTO_API_BASE_URL ? { qontoHosts: { oauth: config.QONTO_OAUTH_BASE_URL, api: env.QONTO_API_BASE_URL } } : {}),
    webhookSecrets: (config.QONTO_WEBHOOK_SECRET ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0),
    autoReconcile: !/^(0|false|off|non|no)$/i.test((config.AUTO_RECONCILE ?? '').trim()),
    syncIntervalMinutes: config.QONTO_SYNC_INTERVAL,
    ...(config.QONTO_WEBHOOK_PUBLIC_URL ? { publicWebhookUrl: config.QONTO_WEBHOOK_PUBLIC_URL } : {}),
    timeZone: config.TIME_ZONE,
    rootPath: '/admin',
    fec: {
      ...(config.FEC_JOURNAL_CODE ? { journalCode: config.FEC_JOURNAL_CODE } : {}),
      ...(config.FEC_JOURNAL_LIB ? { journalLabel: config.FEC_JOURNAL_LIB, bankAccountLabel: config.FEC_JOURNAL_LIB } : {}),
      ...(config.FEC_BANK_ACCOUNT ? { bankAccount: config.FEC_BANK_ACCOUNT } : {}),
      ...(config.FEC_CLIENT_ACCOUNT ? { clientAccount: config.FEC_CLIENT_ACCOUNT } : {}),
    },
    ...(config.EMAIL_GRACE_MINUTES !== undefined ? { emailGraceMinutes: config.EMAIL_GRACE_MINUTES } : {}),
    emailSignature: "L'équipe de l'agence",
    logger,
  }
}

/** SMTP_URL, or without it a transport that writes the message to the log (development). */
function mailer(config: AppConfig, logger: Logger) {
  const transport = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : nodemailer.createTransport({ jsonTransport: true })
  return async (email: { to: string; subject: string; text: string; messageId?: string }) => {
    const info = await transport.sendMail({ from: config.MAIL_FROM, ...email })
    if (!config.SMTP_URL) logger.info({ to: email.to, subject: email.subject, message: info.message?.toString() }, 'e-mail (SMTP_URL not set: logged, not sent)')
  }
}

/** QONTO_* variables, or null when they are absent (the panel then says Qonto is not configured). */
function optionalQontoSettings(env: NodeJS.ProcessEnv, logger: Logger) {
  try {
    return qontoSettingsFromEnv(env)
  } catch (error) {
    if (error instanceof QontoConfigError) {
      // What is missing, for whoever runs the server (the panel only says Qonto is not connected).
      logger.info({ reason: error.message }, 'Qonto not configured')
      return null
    }
    throw error
  }
}
