/**
 * How the extension reaches the host's own models: which model holds the invoices and clients,
 * which of their fields mean what, which status values mean open or paid. Checked against the
 * host's DMMF at start, with a French message naming whatever is missing.
 */
import { ReconciliationConfigError } from '../errors.js'
import type { DmmfField, DmmfModel, FullDmmf } from './dmmf.js'
import { ident } from './sql.js'

type Scalar = string | number | boolean
export type WhereValue = Scalar | { in: Scalar[] }

export interface InvoiceMapping {
  /** Prisma model of the host's invoices, e.g. 'Document' or 'Invoice'. */
  model: string
  /** Only these rows are invoices, e.g. { type: 'FACTURE' } (equality or { in: [...] } on scalar fields). */
  where?: Record<string, WhereValue>
  fields: {
    /** Invoice number, e.g. 'reference'. */
    number: string
    /** Total including tax (Decimal, Float or Int in euros). */
    total: string
    /** Status (enum or String). */
    status: string
    /** Foreign key to the client, e.g. 'marqueId'. */
    client: string
    issueDate: string
    dueDate?: string
    /** Set to the payment's business day when the invoice becomes paid, cleared when undone. */
    paidDate?: string
    /** Optional paid amount kept up to date by the extension (otherwise the sum of its allocations). */
    paidAmount?: string
    /** Optional currency column (otherwise every invoice is in EUR). */
    currency?: string
  }
  statuses: {
    /** Values that mean "sent, awaiting payment" (the first one is restored when a payment is undone). */
    open: string[]
    /** Optional: without it, a partly paid invoice keeps its open status (what is paid is in its allocations or paid amount). */
    partlyPaid?: string
    paid: string
    cancelled?: string[]
  }
  /**
   * How the host stores its amounts: euros (Decimal or Float, default) or integer cents (`total`, and
   * `paidAmount` if mapped, are Int or BigInt counts of cents).
   */
  amounts?: 'euros' | 'cents'
  /** The host's AdminJS resource id for this model (default: the model name). */
  resourceId?: string
}

export interface ClientMapping {
  model: string
  fields: {
    name: string
    /** String[] of known payer IBANs, or a single String IBAN column. */
    ibans?: string
    /** Contact e-mail: "facture réglée" messages go there. */
    email?: string
    /** The accountant's auxiliary account of the client (CompAuxNum of the FEC, e.g. 411GLOW); a code derived from the name otherwise. */
    accountingAccount?: string
  }
  resourceId?: string
}

/** One model of the host, resolved against its DMMF. */
export interface HostModel {
  name: string
  /** Prisma client delegate, e.g. prisma.document. */
  delegate: string
  table: string
  id: { field: string; column: string; type: string; arrayCast: string }
  column(field: string): string
  field(name: string): DmmfField
  /** A value as the database stores it (an enum value's @map name), for SQL literals. */
  dbValue(field: string, value: Scalar): Scalar
  /** Back from the database's enum value to the Prisma name. */
  prismaValue(field: string, value: string): string
  /** A cast for one bound id (`::uuid`, `::int4`…), so the comparison never depends on the driver's typing. */
  idCast: string
  /** The cast of a text value written to this column in raw SQL: its enum type, `::numeric`, `::date`… */
  writeCast(field: string): string
  /** `"col" = <now>` for each @updatedAt column, which Prisma stamps on its own updates and raw SQL must too. */
  updatedAtAssignments: string[]
}

export interface ResolvedInvoiceMapping extends InvoiceMapping {
  host: HostModel
  resourceId: string
  /** Open for payment: open statuses plus the partly-paid one. */
  payableStatuses: string[]
}

export interface ResolvedClientMapping extends ClientMapping {
  host: HostModel
  resourceId: string
  ibansIsList: boolean
}

export function resolveModel(dmmf: FullDmmf, name: string, role: string): HostModel {
  const model = dmmf.datamodel.models.find((m) => m.name === name)
  if (!model) {
    const names = dmmf.datamodel.models.map((m) => m.name).join(', ')
    throw new ReconciliationConfigError(`${role} : le modèle Prisma « ${name} » n'existe pas dans le schéma de l'application (modèles : ${names}).`, `${role}: the Prisma model "${name}" does not exist in the application's schema (models: ${names}).`)
  }
  const ids = model.fields.filter((f) => f.isId)
  if (ids.length !== 1) throw new ReconciliationConfigError(`${role} : le modèle « ${name} » doit avoir un identifiant sur un seul champ (@id).`, `${role}: the model "${name}" must have an id on a single field (@id).`)
  const id = ids[0]!
  const enumOf = (field: string) => {
    const f = fieldOf(model, field, role)
    return f.kind === 'enum' ? dmmf.datamodel.enums.find((e) => e.name === f.type) : undefined
  }
  return {
    name,
    dbValue: (field, value) => enumOf(field)?.values.find((v) => v.name === value)?.dbName ?? value,
    prismaValue: (field, value) => enumOf(field)?.values.find((v) => (v.dbName ?? v.name) === value)?.name ?? value,
    idCast: arrayCastOf(id).replace('[]', ''),
    delegate: name.charAt(0).toLowerCase() + name.slice(1),
    table: ident(model.dbName ?? model.name),
    id: { field: id.name, column: ident(id.dbName ?? id.name), type: id.type, arrayCast: arrayCastOf(id) },
    column: (field) => ident(fieldOf(model, field, role).dbName ?? field),
    field: (field) => fieldOf(model, field, role),
    writeCast: (field) => {
      const f = fieldOf(model, field, role)
      const enumType = enumOf(field)
      return enumType ? `::${ident(enumType.dbName ?? enumType.name)}` : scalarCastOf(f)
    },
    updatedAtAssignments: model.fields
      .filter((f) => f.isUpdatedAt)
      .map((f) => `${ident(f.dbName ?? f.name)} = ${f.nativeType?.[0] === 'Timestamptz' ? 'CURRENT_TIMESTAMP' : f.nativeType?.[0] === 'Date' ? 'CURRENT_DATE' : "(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')"}`),
  }
}

/** Prisma's scalar types as PostgreSQL casts (a DateTime without native type is Prisma's UTC timestamp(3)). */
function scalarCastOf(field: DmmfField): string {
  const native = field.nativeType?.[0]
  if (native === 'Uuid') return '::uuid'
  if (native === 'Date') return '::date'
  if (native === 'Timestamptz') return '::timestamptz'
  const casts: Record<string, string> = { String: '::text', Decimal: '::numeric', Int: '::int4', BigInt: '::int8', Float: '::float8', Boolean: '::boolean', DateTime: '::timestamp' }
  return casts[field.type] ?? '::text'
}

function arrayCastOf(field: DmmfField): string {
  if (field.nativeType?.[0] === 'Uuid') return '::uuid[]'
  if (field.type === 'Int') return '::int4[]'
  if (field.type === 'BigInt') return '::int8[]'
  return '::text[]'
}

function fieldOf(model: DmmfModel, name: string, role: string): DmmfField {
  const field = model.fields.find((f) => f.name === name)
  if (!field || field.kind === 'object') {
    const scalars = model.fields.filter((f) => f.kind !== 'object').map((f) => f.name).join(', ')
    throw new ReconciliationConfigError(`${role} : le champ « ${name} » n'existe pas sur le modèle « ${model.name} » (champs : ${scalars}).`, `${role}: the field "${name}" does not exist on the model "${model.name}" (fields: ${scalars}).`)
  }
  return field
}

/** A host id as the Prisma client wants it (Int ids are numbers). Ids travel as strings elsewhere. */
export function hostId(model: HostModel, id: string): string | number | bigint {
  if (model.id.type === 'Int' || model.id.type === 'BigInt') {
    if (!/^-?\d{1,19}$/.test(id)) throw new HostIdError(`Identifiant invalide : « ${id.slice(0, 40)} »`)
    return model.id.type === 'Int' ? Number(id) : BigInt(id)
  }
  return id
}

/** An id that cannot be one of the host's (e.g. text for an Int id): treated as "not found". */
export class HostIdError extends Error {}

/** The ids that can be the host's, as its column wants them; the others are left out (not found). */
export function validHostIds(model: HostModel, ids: string[]): Array<string | number | bigint> {
  return ids.flatMap((value) => {
    try {
      return [hostId(model, value)]
    } catch (error) {
      if (error instanceof HostIdError) return []
      throw error
    }
  })
}

const TYPES: Record<string, string[]> = {
  money: ['Decimal', 'Float', 'Int'],
  text: ['String'],
  date: ['DateTime'],
}

function expectType(model: HostModel, field: string, kind: keyof typeof TYPES, role: string) {
  const f = model.field(field)
  if (!TYPES[kind]!.includes(f.type)) {
    throw new ReconciliationConfigError(`${role} : le champ « ${field} » de « ${model.name} » est de type ${f.type}, attendu ${TYPES[kind]!.join(' ou ')}.`, `${role}: the field "${field}" of "${model.name}" is of type ${f.type}, expected ${TYPES[kind]!.join(' or ')}.`)
  }
}

export function resolveInvoiceMapping(dmmf: FullDmmf, mapping: InvoiceMapping): ResolvedInvoiceMapping {
  const role = 'Factures (invoices)'
  const host = resolveModel(dmmf, mapping.model, role)
  const { fields, statuses } = mapping
  expectType(host, fields.number, 'text', role)
  expectType(host, fields.total, 'money', role)
  expectType(host, fields.issueDate, 'date', role)
  if (fields.dueDate) expectType(host, fields.dueDate, 'date', role)
  if (fields.paidDate) expectType(host, fields.paidDate, 'date', role)
  const integer = (field: string) => ['Int', 'BigInt'].includes(host.field(field).type)
  if (mapping.amounts === 'cents' && !integer(fields.total)) {
    throw new ReconciliationConfigError(`${role} : invoices.amounts vaut « cents » mais le total « ${fields.total} » n'est pas un entier (Int ou BigInt attendu).`, `${role}: invoices.amounts is "cents" but the total "${fields.total}" is not an integer (Int or BigInt expected).`)
  }
  if (fields.paidAmount) {
    expectType(host, fields.paidAmount, 'money', role)
    if (mapping.amounts === 'cents' ? !integer(fields.paidAmount) : host.field(fields.paidAmount).type === 'Int') {
      throw mapping.amounts === 'cents'
        ? new ReconciliationConfigError(
            `${role} : le montant payé « ${fields.paidAmount} » doit être en centimes comme le total (Int ou BigInt attendu).`,
            `${role}: the paid amount "${fields.paidAmount}" must be in cents like the total (Int or BigInt expected).`,
          )
        : new ReconciliationConfigError(
            `${role} : le montant payé « ${fields.paidAmount} » est un entier : il ne peut pas garder les centimes (Decimal attendu, ou invoices.amounts: 'cents').`,
            `${role}: the paid amount "${fields.paidAmount}" is an integer: it cannot keep the cents (Decimal expected, or invoices.amounts: 'cents').`,
          )
    }
  }
  if (fields.currency) expectType(host, fields.currency, 'text', role)
  host.field(fields.client)
  checkWhere(dmmf, mapping.model, mapping.where, 'invoices.where')
  const status = host.field(fields.status)
  const allStatuses = [...statuses.open, ...(statuses.partlyPaid === undefined ? [] : [statuses.partlyPaid]), statuses.paid, ...(statuses.cancelled ?? [])]
  if (status.kind === 'enum') {
    const values = dmmf.datamodel.enums.find((e) => e.name === status.type)?.values.map((v) => v.name) ?? []
    for (const value of allStatuses) {
      if (!values.includes(value)) {
        throw new ReconciliationConfigError(`${role} : le statut « ${value} » n'existe pas dans l'énumération ${status.type} (valeurs : ${values.join(', ')}).`, `${role}: the status "${value}" does not exist in the enum ${status.type} (values: ${values.join(', ')}).`)
      }
    }
  } else if (status.type !== 'String') {
    throw new ReconciliationConfigError(`${role} : le champ statut « ${fields.status} » doit être une énumération ou un texte.`, `${role}: the status field "${fields.status}" must be an enum or a String.`)
  }
  if (statuses.open.length === 0) throw new ReconciliationConfigError(`${role} : statuses.open doit contenir au moins un statut.`, `${role}: statuses.open must hold at least one status.`)
  return { ...mapping, host, resourceId: mapping.resourceId ?? mapping.model, payableStatuses: [...statuses.open, ...(statuses.partlyPaid === undefined ? [] : [statuses.partlyPaid])] }
}

export function resolveClientMapping(dmmf: FullDmmf, mapping: ClientMapping): ResolvedClientMapping {
  const role = 'Clients (clients)'
  const host = resolveModel(dmmf, mapping.model, role)
  expectType(host, mapping.fields.name, 'text', role)
  let ibansIsList = false
  if (mapping.fields.ibans) {
    expectType(host, mapping.fields.ibans, 'text', role)
    ibansIsList = Boolean(host.field(mapping.fields.ibans).isList)
  }
  if (mapping.fields.email) expectType(host, mapping.fields.email, 'text', role)
  if (mapping.fields.accountingAccount) expectType(host, mapping.fields.accountingAccount, 'text', role)
  return { ...mapping, host, resourceId: mapping.resourceId ?? mapping.model, ibansIsList }
}

const SCALAR_TYPES: Record<string, (value: unknown) => boolean> = {
  String: (value) => typeof value === 'string',
  Boolean: (value) => typeof value === 'boolean',
  Int: (value) => Number.isInteger(value),
  BigInt: (value) => Number.isInteger(value) || typeof value === 'bigint',
  Float: (value) => typeof value === 'number',
  Decimal: (value) => typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)),
  DateTime: (value) => typeof value === 'string' && !Number.isNaN(Date.parse(value)),
}

/**
 * A `where` of the options (invoices.where, notifications.recipients.where) checked against the
 * host's model at start: each key a scalar field, each value of its type and, for an enum, one of
 * its values; equality, `{ in: [...] }` or `{ not: value }` only. The message names the option.
 */
export function checkWhere(dmmf: FullDmmf, modelName: string, where: Record<string, unknown> | undefined, option: string): void {
  const model = dmmf.datamodel.models.find((m) => m.name === modelName)
  if (!model || !where) return
  const scalars = model.fields.filter((f) => f.kind !== 'object')
  for (const [key, condition] of Object.entries(where)) {
    const field = scalars.find((f) => f.name === key)
    if (!field) {
      throw new ReconciliationConfigError(
        `${option} : le champ « ${key} » n'existe pas sur le modèle « ${modelName} » (champs : ${scalars.map((f) => f.name).join(', ')}).`,
        `${option}: the field "${key}" does not exist on the model "${modelName}" (fields: ${scalars.map((f) => f.name).join(', ')}).`,
      )
    }
    const operator = typeof condition === 'object' && condition !== null && !Array.isArray(condition) ? Object.keys(condition) : null
    if (operator && !(operator.length === 1 && (operator[0] === 'in' || operator[0] === 'not'))) {
      throw new ReconciliationConfigError(
        `${option}.${key} : attendu une valeur, { in: [valeurs] } ou { not: valeur } (reçu ${JSON.stringify(condition)}).`,
        `${option}.${key}: expected a value, { in: [values] } or { not: value } (got ${JSON.stringify(condition)}).`,
      )
    }
    const inner = operator ? (condition as Record<string, unknown>)[operator[0]!] : condition
    if (operator?.[0] === 'in' && (!Array.isArray(inner) || inner.length === 0)) {
      throw new ReconciliationConfigError(`${option}.${key}.in : une liste non vide de valeurs est attendue.`, `${option}.${key}.in: a non-empty list of values is expected.`)
    }
    const values = Array.isArray(inner) ? inner : [inner]
    if (field.kind === 'enum') {
      const allowed = dmmf.datamodel.enums.find((e) => e.name === field.type)?.values.map((v) => v.name) ?? []
      for (const value of values) {
        if (!allowed.includes(value as string)) {
          throw new ReconciliationConfigError(
            `${option}.${key} : la valeur ${JSON.stringify(value)} n'existe pas dans l'énumération ${field.type} (valeurs : ${allowed.join(', ')}).`,
            `${option}.${key}: the value ${JSON.stringify(value)} does not exist in the enum ${field.type} (values: ${allowed.join(', ')}).`,
          )
        }
      }
    } else {
      const fits = SCALAR_TYPES[field.type] ?? (() => true)
      for (const value of values) {
        if (value === null ? field.isRequired : !fits(value)) {
          throw new ReconciliationConfigError(
            `${option}.${key} : la valeur ${JSON.stringify(value)} ne convient pas au champ « ${key} » de type ${field.type}${field.isRequired ? '' : '?'}.`,
            `${option}.${key}: the value ${JSON.stringify(value)} does not fit the field "${key}" of type ${field.type}${field.isRequired ? '' : '?'}.`,
          )
        }
      }
    }
  }
}

/** The relation of `model` to `target` through the scalar foreign key `fk`, or a message saying what is wrong. */
export function checkForeignKey(dmmf: FullDmmf, modelName: string, fk: string, target: string, option: string): void {
  const model = dmmf.datamodel.models.find((m) => m.name === modelName)
  if (!model) return
  const relations = model.fields.filter((f) => f.kind === 'object' && f.type === target && !f.isList && (f.relationFromFields?.length ?? 0) === 1)
  const keys = relations.map((f) => f.relationFromFields![0]!)
  if (keys.length === 0) {
    const relation = `\`${target.charAt(0).toLowerCase()}${target.slice(1)} ${target} @relation(fields: [${fk}], references: [id])\``
    throw new ReconciliationConfigError(
      `${option} : le modèle « ${modelName} » n'a pas de relation vers « ${target} » : ajoutez par exemple ${relation} à « ${modelName} ».`,
      `${option}: the model "${modelName}" has no relation to "${target}": add for example ${relation} to "${modelName}".`,
    )
  }
  if (!keys.includes(fk)) {
    throw new ReconciliationConfigError(
      `${option} : « ${fk} » n'est pas la clé étrangère de « ${modelName} » vers « ${target} » (clé${keys.length > 1 ? 's' : ''} étrangère${keys.length > 1 ? 's' : ''} : ${keys.join(', ')}).`,
      `${option}: "${fk}" is not the foreign key of "${modelName}" to "${target}" (foreign key${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}).`,
    )
  }
}
