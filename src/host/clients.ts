/** The host's clients, through its mapping: name, known payer IBANs and contact e-mail. */
import type { Client } from '../domain/matching/index.js'
import { normalizeIban } from '../domain/iban.js'
import { validHostIds, type ResolvedClientMapping } from './mapping.js'

type Delegate = { findMany(args: unknown): Promise<Array<Record<string, unknown>>>; findUnique(args: unknown): Promise<Record<string, unknown> | null> }

export type ClientStore = ReturnType<typeof createClientStore>

export function createClientStore(clients: ResolvedClientMapping) {
  const { host, fields } = clients
  const delegate = (db: unknown) => (db as Record<string, Delegate>)[host.delegate]!
  const select = { [host.id.field]: true, [fields.name]: true, ...(fields.ibans ? { [fields.ibans]: true } : {}) }
  const ibansOf = (row: Record<string, unknown>): string[] => {
    if (!fields.ibans) return []
    const value = row[fields.ibans]
    const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : []
    return list.map((iban) => normalizeIban(String(iban))).filter((iban): iban is string => Boolean(iban))
  }
  /** Name and contact e-mail of these clients (one query), by id; a client not found is absent. */
  async function contacts(db: unknown, ids: string[]): Promise<Map<string, { name: string; email: string | null }>> {
    const valid = validHostIds(host, ids)
    if (valid.length === 0) return new Map()
    const rows = await delegate(db).findMany({
      where: { [host.id.field]: { in: valid } },
      select: { [host.id.field]: true, [fields.name]: true, ...(fields.email ? { [fields.email]: true } : {}) },
    })
    return new Map(
      rows.map((row) => {
        const email = fields.email ? row[fields.email] : null
        return [String(row[host.id.field]), { name: String(row[fields.name] ?? ''), email: typeof email === 'string' && email.length > 0 ? email : null }]
      }),
    )
  }

  return {
    mapping: clients,
    async all(db: unknown): Promise<Client[]> {
      const rows = await delegate(db).findMany({ select })
      return rows.map((row) => ({ id: String(row[host.id.field]), name: String(row[fields.name] ?? ''), ibans: ibansOf(row) }))
    },
    async contact(db: unknown, id: string): Promise<{ name: string; email: string | null } | null> {
      return (await contacts(db, [id])).get(id) ?? null
    },
    contacts,
  }
}
