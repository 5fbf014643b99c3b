/**
 * Notifications go to the host's own notification system through a hook. The extension calls it
 * inside the database transaction that caused them, once per key (qonto_notification_keys), so a
 * hook that writes with the given transaction client notifies exactly once.
 */
import type { FullDmmf } from './dmmf.js'
import { hostId, resolveModel } from './mapping.js'

export interface ReconciliationNotification {
  /** Idempotency key: the same key is never handed to the hook twice. */
  key: string
  type: 'PAIEMENT_RECU' | 'RAPPROCHEMENT_AUTO' | 'PAIEMENT_ANNULE' | 'CONNEXION_QONTO' | 'FLUX_QONTO_INTERROMPU'
  title: string
  message: string
  /** Path inside the panel (already prefixed with the host's rootPath). */
  link: string | null
}

export interface NotificationAdapter {
  /** Called inside the transaction, with its client: write through `tx` to notify atomically. */
  notify(notifications: ReconciliationNotification[], tx: unknown): Promise<void>
  /** Unread count for the dashboard (optional). */
  unreadCount?(userId: string): Promise<number>
}

export interface NotificationModelOptions {
  /** The host's notification model, e.g. 'Notification'. */
  model: string
  fields: { user: string; type?: string; title: string; message: string; link?: string; read?: string }
  /** Who receives the extension's notifications, e.g. { model: 'User', where: { role: 'ADMIN', actif: true } }. */
  recipients: { model: string; where?: Record<string, unknown> }
}

/** A ready adapter for a notification model like the seed's (userId, type, titre, message, lien, lu). */
export function notificationModel(options: NotificationModelOptions): (dmmf: FullDmmf, prisma: unknown) => NotificationAdapter {
  return (dmmf, prisma) => {
    const model = resolveModel(dmmf, options.model, 'Notifications')
    const recipients = resolveModel(dmmf, options.recipients.model, 'Destinataires des notifications')
    for (const field of Object.values(options.fields)) if (field) model.field(field)
    type Delegate = { findMany(a: unknown): Promise<Array<Record<string, unknown>>>; createMany(a: unknown): Promise<unknown>; count(a: unknown): Promise<number> }
    const delegate = (db: unknown, name: string) => (db as Record<string, Delegate>)[name]!
    const { fields } = options
    return {
      async notify(notifications, tx) {
        const users = await delegate(tx, recipients.delegate).findMany({ where: options.recipients.where ?? {}, select: { [recipients.id.field]: true } })
        const data = users.flatMap((user) =>
          notifications.map((n) => ({
            [fields.user]: user[recipients.id.field],
            ...(fields.type ? { [fields.type]: n.type } : {}),
            [fields.title]: n.title,
            [fields.message]: n.message,
            ...(fields.link ? { [fields.link]: n.link } : {}),
          })),
        )
        if (data.length > 0) await delegate(tx, model.delegate).createMany({ data })
      },
      unreadCount: fields.read
        ? (userId) => delegate(prisma, model.delegate).count({ where: { [fields.user]: hostId(recipients, userId), [fields.read!]: false } })
        : undefined,
    }
  }
}

export type NotificationsOption = NotificationAdapter | ((dmmf: FullDmmf, prisma: unknown) => NotificationAdapter)
