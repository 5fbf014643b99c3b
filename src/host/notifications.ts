/**
 * Notifications go to the host's own notification system through a hook. The extension calls it
 * inside the database transaction that caused them, once per key (qonto_notification_keys), so a
 * hook that writes with the given transaction client notifies exactly once.
 */
import { randomInt, randomUUID } from 'node:crypto'
import type { DmmfField, FullDmmf } from './dmmf.js'
import { ReconciliationConfigError } from '../errors.js'
import { checkForeignKey, checkWhere, hostId, resolveModel, type HostModel } from './mapping.js'
import { ident } from './sql.js'

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
    const insert = rawInsert(dmmf, model, options)
    return {
      async notify(notifications, tx) {
        const users = await delegate(tx, recipients.delegate).findMany({ where: options.recipients.where ?? {}, select: { [recipients.id.field]: true } })
        if (users.length === 0) return
        if (insert) {
          await insert(tx as RawClient, users.map((user) => String(user[recipients.id.field])), notifications)
          return
        }
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

type RawClient = { $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> }
type RawInsert = (tx: RawClient, userIds: string[], notifications: ReconciliationNotification[]) => Promise<void>

/** Client-made defaults (Prisma's own functions) the database would not fill in on a raw INSERT. */
const CLIENT_DEFAULTS = new Set(['cuid', 'uuid', 'nanoid', 'ulid'])
const defaultName = (field: DmmfField): string | null => {
  const value = field.default as { name?: unknown } | undefined
  return typeof value === 'object' && value !== null && typeof value.name === 'string' ? value.name : null
}

/**
 * The notifications of every recipient in one INSERT of unnest()ed arrays (Prisma's createMany sends
 * each row through its JSON protocol: a third of the webhook's processing time). Only for a model whose
 * other columns the database fills in itself, and whose id is the database's (autoincrement,
 * dbgenerated) or a Prisma uuid() / cuid() made here; any other shape (an @updatedAt column, another
 * client-made default, a reduced DMMF without defaults) keeps createMany: null.
 */
function rawInsert(dmmf: FullDmmf, model: HostModel, options: NotificationModelOptions): RawInsert | null {
  const scalars = dmmf.datamodel.models.find((m) => m.name === options.model)!.fields.filter((f) => f.kind !== 'object')
  const mapped = new Set(Object.values(options.fields).filter((f): f is string => Boolean(f)))
  const id = scalars.find((f) => f.isId)!
  const idDefault = defaultName(id)
  const makeId = mapped.has(id.name) ? null
    : idDefault === 'uuid' && ((id.default as { args?: unknown[] }).args ?? []).every((arg) => arg === 4) ? randomUUID
    : idDefault === 'cuid' && ((id.default as { args?: unknown[] }).args ?? []).every((arg) => arg === 1) && !id.nativeType ? cuidLike
    : undefined
  const idByDatabase = idDefault === 'autoincrement' || idDefault === 'dbgenerated'
  if (makeId === undefined && !idByDatabase) return null
  const othersFine = scalars.every((f) => f === id || mapped.has(f.name) || (!f.isUpdatedAt && !CLIENT_DEFAULTS.has(defaultName(f) ?? '') && (f.hasDefaultValue === true || f.isRequired === false)))
  if (!othersFine) return null
  const { fields } = options
  const written = [fields.user, fields.type, fields.title, fields.message, fields.link].filter((f): f is string => Boolean(f))
  const columns = [...(makeId ? [model.id.column] : []), ...written.map((f) => model.column(f))]
  const casts = [...(makeId ? [model.writeCast(id.name)] : []), ...written.map((f) => model.writeCast(f))]
  const sql = `INSERT INTO ${model.table} (${columns.join(', ')})
    SELECT ${columns.map((_, i) => `${ident(`c${i}`)}${casts[i]}`).join(', ')}
    FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS v(${columns.map((_, i) => ident(`c${i}`)).join(', ')})`
  return async (tx, userIds, notifications) => {
    const values: Array<Array<string | null>> = columns.map(() => [])
    for (const userId of userIds) {
      for (const n of notifications) {
        let c = 0
        if (makeId) values[c++]!.push(makeId())
        values[c++]!.push(userId)
        if (fields.type) values[c++]!.push(String(model.dbValue(fields.type, n.type)))
        values[c++]!.push(n.title)
        values[c++]!.push(n.message)
        if (fields.link) values[c++]!.push(n.link)
      }
    }
    await tx.$executeRawUnsafe(sql, ...values)
  }
}

let cuidCounter = randomInt(36 ** 4)
const FINGERPRINT = randomInt(36 ** 4).toString(36).padStart(4, '0')
/**
 * An id of a cuid()'s shape (25 characters: c, time, counter, fingerprint, random), ordered by time
 * then counter as Prisma's are, so a host sorting by id sees the same order.
 */
export function cuidLike(): string {
  cuidCounter = (cuidCounter + 1) % 36 ** 4
  const random = randomInt(36 ** 4).toString(36).padStart(4, '0') + randomInt(36 ** 4).toString(36).padStart(4, '0')
  return `c${Date.now().toString(36).padStart(8, '0')}${cuidCounter.toString(36).padStart(4, '0')}${FINGERPRINT}${random}`
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
