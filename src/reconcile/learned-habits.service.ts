/**
 * What Maud's confirmations teach about a payer, kept as items she can see and forget: an alias (the
 * payer's IBAN is not the client's, or its name does not resemble the client's: a holding, a factor,
 * an accountant) and the form in which the payer writes the client's invoice numbers. Learned in the
 * association's transaction (Associer or a suggestion accepted, never an automatic match), unless the
 * payer is set to "ne pas apprendre"; undone by Dissocier of that payment; forgotten on demand
 * ("Oublier"); each change audited. Payer history reads them (payer-history.service.ts); nothing
 * here ever makes a match automatic.
 */
import type { Actor, Db, ReconciliationContext, Tx } from '../context.js'
import { businessDay, dayIn } from '../domain/dates.js'
import type { Language } from '../domain/language.js'
import { normalizeIban } from '../domain/iban.js'
import { buildLedgerIndex } from '../domain/matching/ledger-index.js'
import { resolveClient } from '../domain/matching/client-resolution.js'
import { invoicePrefixSet } from '../domain/matching/reference-evidence.js'
import { learnReferenceForm, type LearnedReferenceForm } from '../domain/matching/reference-habits.js'
import { payerKey } from '../domain/matching/text.js'
import type { HistoryEntry } from '../domain/matching/types.js'
import { ReconciliationError } from './reconciliation.service.js'

export type HabitNature = 'IBAN' | 'NOM' | 'REFERENCE'

/** A confirmed association, as learning needs it. */
export interface Confirmation {
  transactionId: string
  invoices: Array<{ id: string; number: string; clientId: string | null; clientName: string | null }>
  actor: Actor
}

type ItemRow = {
  id: string
  nature: HabitNature
  emetteurIban: string | null
  emetteurCle: string | null
  emetteur: string | null
  clientId: string
  client: string | null
  forme: string | null
  exemple: string | null
  transactionId: string
  references: string[]
  par: string
  createdAt: Date
  annuleLe?: Date | null
  oublieLe?: Date | null
}

/** Learns from these confirmations, in the association's transaction; returns how many items were learned. */
export async function learnFromConfirmations(ctx: ReconciliationContext, tx: Tx, confirmations: Confirmation[]): Promise<number> {
  const relevant = confirmations.filter((c) => c.invoices.some((i) => i.clientId !== null))
  if (relevant.length === 0) return 0
  const transactions = await tx.transactionQonto.findMany({
    where: { id: { in: relevant.map((c) => c.transactionId) } },
    select: { id: true, emetteur: true, emetteurIban: true, reference: true, libelle: true },
  })
  const byId = new Map(transactions.map((t) => [t.id, t]))
  const payers = transactions.map((t) => ({ iban: normalizeIban(t.emetteurIban), key: payerKey(t.emetteur) }))
  const [switchedOff, clients, standing] = await Promise.all([
    tx.qontoApprentissagePayeur.findMany({
      where: { apprendre: false, OR: [{ type: 'IBAN', valeur: { in: payers.flatMap((p) => (p.iban ? [p.iban] : [])) } }, { type: 'PAYEUR', valeur: { in: payers.flatMap((p) => (p.key ? [p.key] : [])) } }] },
      select: { type: true, valeur: true },
    }),
    ctx.clients.all(tx),
    activeItems(tx, payers),
  ])
  const off = new Set(switchedOff.map((s) => `${s.type}:${s.valeur}`))
  const index = buildLedgerIndex(clients, [])
  const prefixes = invoicePrefixSet(ctx.matchOptions.invoicePrefixes)
  const known = new Set(standing.map(itemKey))
  const rows: Array<Omit<ItemRow, 'id' | 'createdAt'> & { parId: string | null }> = []
  for (const { transactionId, invoices, actor } of relevant) {
    const t = byId.get(transactionId)
    if (!t) continue
    const iban = normalizeIban(t.emetteurIban)
    const key = payerKey(t.emetteur)
    if ((iban && off.has(`IBAN:${iban}`)) || (key && off.has(`PAYEUR:${key}`)) || (!iban && !key)) continue
    // The client the payer's name alone already names (the matcher's name rule): no alias to learn for it.
    const byName = t.emetteur ? resolveClient({ id: '', amountCents: 0, settledAt: '', counterpartyName: t.emetteur }, index)?.clientId : undefined
    const payer = { emetteurIban: iban, emetteurCle: key, emetteur: t.emetteur, transactionId, par: actor.label, parId: actor.userId, forme: null, exemple: null }
    const add = (row: (typeof rows)[number]) => {
      if (known.has(itemKey(row))) return
      known.add(itemKey(row))
      rows.push(row)
    }
    for (const [clientId, ofClient] of groupByClient(invoices)) {
      const client = index.clientsById.get(clientId)?.client
      const common = { ...payer, clientId, client: client?.name ?? ofClient[0]!.clientName, references: ofClient.map((i) => i.number) }
      if (iban && !(client?.ibans ?? []).some((own) => normalizeIban(own) === iban)) add({ ...common, nature: 'IBAN' })
      if (key && byName !== clientId) add({ ...common, nature: 'NOM' })
      for (const invoice of ofClient) {
        const form = learnReferenceForm([t.reference, t.libelle], invoice.number, prefixes)
        if (form) add({ ...common, references: [invoice.number], nature: 'REFERENCE', forme: form.form, exemple: form.example })
      }
    }
  }
  if (rows.length === 0) return 0
  await tx.qontoHabitudeApprise.createMany({ data: rows })
  const byTransaction = new Map<string, typeof rows>()
  for (const row of rows) byTransaction.set(row.transactionId, [...(byTransaction.get(row.transactionId) ?? []), row])
  await tx.qontoAuditLog.createMany({
    data: [...byTransaction].map(([transactionId, learned]) => ({
      acteur: learned[0]!.par,
      userId: learned[0]!.parId,
      action: 'HABITUDE_APPRISE',
      transactionId,
      apres: { appris: learned.map(describeForAudit) },
    })),
  })
  return rows.length
}

/** Dissocier: what this payment's confirmation taught is undone (audited); returns how many items. */
export async function undoLearnedFrom(tx: Tx, transactionId: string, actor: Actor): Promise<number> {
  const items = (await tx.qontoHabitudeApprise.findMany({ where: { transactionId, annuleLe: null, oublieLe: null } })) as ItemRow[]
  if (items.length === 0) return 0
  await tx.qontoHabitudeApprise.updateMany({ where: { id: { in: items.map((i) => i.id) } }, data: { annuleLe: new Date() } })
  await tx.qontoAuditLog.create({
    data: { acteur: actor.label, userId: actor.userId, action: 'HABITUDE_ANNULEE', transactionId, avant: { appris: items.map(describeForAudit) }, apres: { appris: [] } },
  })
  return items.length
}

/** "Oublier": the item is no longer used, and the confirmations before now no longer teach it (audited). */
export async function forgetLearned(ctx: ReconciliationContext, id: string, actor: Actor): Promise<LearnedView> {
  return ctx.prisma.$transaction(async (tx) => {
    const row = (await tx.qontoHabitudeApprise.findUnique({ where: { id } })) as ItemRow | null
    if (!row || row.annuleLe || row.oublieLe) throw new ReconciliationError('learnedNotFound')
    await tx.qontoHabitudeApprise.update({ where: { id }, data: { oublieLe: new Date(), oubliePar: actor.label } })
    await tx.qontoAuditLog.create({
      data: { acteur: actor.label, userId: actor.userId, action: 'HABITUDE_OUBLIEE', transactionId: row.transactionId, avant: { appris: [describeForAudit(row)] }, apres: { appris: [] } },
    })
    return toView(ctx, row)
  })
}

export interface LearnedView {
  id: string
  nature: HabitNature
  /** "FR76 3000…", "HOLDING GROUPE", "FACT 123". */
  what: string
  client: string
  /** The business day of the confirmation it was learned from (YYYY-MM-DD). */
  learnedOn: string
  /** Where it came from: the payment confirmed, its invoices, who confirmed. */
  transactionId: string
  references: string[]
  by: string
}

/** What is learned about this payment's payer (its IBAN, else its name key), oldest first. */
export async function learnedForPayer(ctx: ReconciliationContext, transaction: { emetteur: string | null; emetteurIban: string | null }): Promise<LearnedView[]> {
  const payer = { iban: normalizeIban(transaction.emetteurIban), key: payerKey(transaction.emetteur) }
  if (!payer.iban && !payer.key) return []
  return (await activeItems(ctx.prisma, [payer])).map((row) => toView(ctx, row))
}

/**
 * History entries with what the items say: the day a confirmation taught an alias (learnedOn), and
 * the payer's reference forms for that client. Entries whose payer and client no item covers stay
 * as they are; items of a payer that history no longer has (switched off, dissociated) are unused.
 */
export async function annotateHistory(ctx: ReconciliationContext, entries: HistoryEntry[], payers: Array<{ iban: string | null; key: string | null }> | null): Promise<HistoryEntry[]> {
  if (entries.length === 0) return entries
  const items = await activeItems(ctx.prisma, payers)
  if (items.length === 0) return entries
  const day = (row: ItemRow) => businessDay(row.createdAt, ctx.timeZone)
  return entries.map((entry) => {
    const iban = normalizeIban(entry.counterpartyIban)
    const key = iban ? null : payerKey(entry.counterpartyName)
    const mine = items.filter((row) => row.clientId === entry.clientId && (iban ? row.emetteurIban === iban : key !== null && row.emetteurCle === key))
    const alias = mine.find((row) => row.nature === (iban ? 'IBAN' : 'NOM'))
    const forms = new Map<string, LearnedReferenceForm>()
    for (const row of mine) if (row.nature === 'REFERENCE' && row.forme && !forms.has(row.forme)) forms.set(row.forme, { form: row.forme, example: row.exemple ?? row.forme, learnedOn: day(row) })
    if (!alias && forms.size === 0) return entry
    return { ...entry, ...(alias ? { learnedOn: day(alias) } : {}), ...(forms.size > 0 ? { referenceForms: [...forms.values()] } : {}) }
  })
}

/** Standing items (neither undone nor forgotten) of these payers (all when null), oldest first. */
async function activeItems(db: Db | Tx, payers: Array<{ iban: string | null; key: string | null }> | null): Promise<ItemRow[]> {
  const where = payers
    ? {
        annuleLe: null,
        oublieLe: null,
        OR: [
          { emetteurIban: { in: payers.flatMap((p) => (p.iban ? [p.iban] : [])) } },
          { emetteurCle: { in: payers.flatMap((p) => (p.key ? [p.key] : [])) } },
        ],
      }
    : { annuleLe: null, oublieLe: null }
  return (await db.qontoHabitudeApprise.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })) as ItemRow[]
}

function toView(ctx: ReconciliationContext, row: ItemRow): LearnedView {
  const what = row.nature === 'IBAN' ? row.emetteurIban! : row.nature === 'NOM' ? (row.emetteur ?? row.emetteurCle!) : (row.exemple ?? row.forme!)
  return { id: row.id, nature: row.nature, what, client: row.client ?? row.clientId, learnedOn: businessDay(row.createdAt, ctx.timeZone), transactionId: row.transactionId, references: row.references, by: row.par }
}

/** "IBAN FR76… → Maison Lumière", "Forme « FACT 123 » → Maison Lumière": what the audit log says was learned. */
function describeForAudit(row: Pick<ItemRow, 'nature' | 'emetteurIban' | 'emetteur' | 'emetteurCle' | 'client' | 'clientId' | 'exemple' | 'forme' | 'references'>): { nature: string; valeur: string | null; client: string; factures: string[]; forme?: string } {
  const what = row.nature === 'IBAN' ? row.emetteurIban : row.nature === 'NOM' ? (row.emetteur ?? row.emetteurCle) : row.exemple
  return { nature: row.nature, valeur: what, client: row.client ?? row.clientId, factures: row.references, ...(row.forme ? { forme: row.forme } : {}) }
}

const itemKey = (row: Pick<ItemRow, 'nature' | 'emetteurIban' | 'emetteurCle' | 'clientId' | 'forme'>) =>
  `${row.nature}|${row.nature === 'NOM' ? '' : (row.emetteurIban ?? '')}|${row.nature === 'IBAN' ? '' : (row.emetteurCle ?? '')}|${row.clientId}|${row.forme ?? ''}`

function groupByClient(invoices: Confirmation['invoices']): Map<string, Confirmation['invoices']> {
  const groups = new Map<string, Confirmation['invoices']>()
  for (const invoice of invoices) {
    if (!invoice.clientId) continue
    groups.set(invoice.clientId, [...(groups.get(invoice.clientId) ?? []), invoice])
  }
  return groups
}

/** The day a learned item came from, as the reader writes it ("03/12/2026", "3 Dec 2026"). */
export const learnedDay = (view: Pick<LearnedView, 'learnedOn'>, language: Language) => dayIn(language, view.learnedOn)
