/**
 * Notifications go to the host's own notification system through a hook. The extension calls it
 * inside the database transaction that caused them, once per key (qonto_notification_keys), so a
 * hook that writes with the given transaction client notifies exactly once.
 */
import type { FullDmmf } from './dmmf.js'
import { ReconciliationConfigError } from '../errors.js'
import { checkForeignKey, checkWhere, hostId, resolveModel, type HostModel } from './mapping.js'

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
  /** The user's latest notifications, unread first (the dashboard's list; optional). */
  list?(userId: string, take: number): Promise<NotificationView[]>
  /** Marks the user's own notifications read: these ids, or all of them (optional). Returns how many changed. */
  markRead?(userId: string, ids: string[] | 'all'): Promise<number>
}

export interface NotificationView {
  id: string
  title: string
  message: string
  link: string | null
  read: boolean
}

export interface NotificationModelOptions {
  /** The host's notification model, e.g. 'Notification'. */
  model: string
  fields: { user: string; type?: string; title: string; message: string; link?: string; read?: string; /** Creation date: newest first in the list. */ date?: string }
  /** Who receives the extension's notifications, e.g. { model: 'User', where: { role: 'ADMIN', actif: true } }. */
  recipients: { model: string; where?: Record<string, unknown> }
}

/** A ready adapter for a notification model like the seed's (userId, type, titre, message, lien, lu). */
export function notificationModel(options: NotificationModelOptions): (dmmf: FullDmmf, prisma: unknown) => NotificationAdapter {
  return (dmmf, prisma) => {
    const model = resolveModel(dmmf, options.model, 'Notifications')
    const recipients = resolveModel(dmmf, options.recipients.model, 'Destinataires des notifications')
    checkNotificationFields(dmmf, model, options)
    checkWhere(dmmf, options.recipients.model, options.recipients.where, 'notifications.recipients.where')
    checkForeignKey(dmmf, options.model, options.fields.user, options.recipients.model, 'notifications.fields.user')
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
      list: fields.read
        ? async (userId, take) => {
            const rows = await delegate(prisma, model.delegate).findMany({
              where: { [fields.user]: hostId(recipients, userId) },
              orderBy: [{ [fields.read!]: 'asc' }, ...(fields.date ? [{ [fields.date]: 'desc' }] : []), { [model.id.field]: 'desc' }],
              take,
            })
            return rows.map((row) => ({
              id: String(row[model.id.field]),
              title: String(row[fields.title] ?? ''),
              message: String(row[fields.message] ?? ''),
              link: fields.link && row[fields.link] ? String(row[fields.link]) : null,
              read: row[fields.read!] === true,
            }))
          }
        : undefined,
      // Only the user's own notifications are ever changed (the user is in every where clause).
      markRead: fields.read
        ? async (userId, ids) => {
            const where = { [fields.user]: hostId(recipients, userId), [fields.read!]: false, ...(ids === 'all' ? {} : { [model.id.field]: { in: ids.map((id) => hostId(model, id)) } }) }
            const { count } = (await (delegate(prisma, model.delegate) as unknown as { updateMany(a: unknown): Promise<{ count: number }> }).updateMany({ where, data: { [fields.read!]: true } }))
            return count
          }
        : undefined,
    }
  }
}

const NOTIFICATION_TYPES: Array<ReconciliationNotification['type']> = ['PAIEMENT_RECU', 'RAPPROCHEMENT_AUTO', 'PAIEMENT_ANNULE', 'CONNEXION_QONTO', 'FLUX_QONTO_INTERROMPU']
const TEXT_FIELDS = ['title', 'message', 'link'] as const

/** Every mapped field exists and can hold what is written: texts, a Boolean read flag, a type that takes the extension's values. */
function checkNotificationFields(dmmf: FullDmmf, model: HostModel, options: NotificationModelOptions): void {
  for (const [key, field] of Object.entries(options.fields)) {
    if (!field) continue
    const f = model.field(field)
    const wrong = (expected: string, expectedEnglish = expected) =>
      new ReconciliationConfigError(
        `notifications.fields.${key} : le champ « ${field} » de « ${options.model} » est de type ${f.type}, attendu ${expected}.`,
        `notifications.fields.${key}: the field "${field}" of "${options.model}" is of type ${f.type}, expected ${expectedEnglish}.`,
      )
    if ((TEXT_FIELDS as readonly string[]).includes(key) && f.type !== 'String') throw wrong('String')
    if (key === 'read' && f.type !== 'Boolean') throw wrong('Boolean')
    if (key === 'type') {
      if (f.kind === 'enum') {
        const values = dmmf.datamodel.enums.find((e) => e.name === f.type)?.values.map((v) => v.name) ?? []
        const missing = NOTIFICATION_TYPES.filter((type) => !values.includes(type))
        if (missing.length > 0) {
          throw new ReconciliationConfigError(
            `notifications.fields.type : l'énumération ${f.type} n'a pas les valeurs ${missing.join(', ')} que l'extension écrit (ajoutez-les, ou utilisez un champ String).`,
            `notifications.fields.type: the enum ${f.type} lacks the values ${missing.join(', ')} the extension writes (add them, or use a String field).`,
          )
        }
      } else if (f.type !== 'String') throw wrong('String ou une énumération', 'String or an enum')
    }
  }
}

export type NotificationsOption = NotificationAdapter | ((dmmf: FullDmmf, prisma: unknown) => NotificationAdapter)
