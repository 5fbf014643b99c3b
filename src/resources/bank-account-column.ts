/**
 * The payments list's bank-account column, shown only where it tells something: when more than one
 * account chosen for reconciliation has payments. With a single account (or payments that name
 * none) every cell would read the same, or nothing.
 *
 * AdminJS reads a resource's list columns when it draws a page (synchronously), so the answer is
 * kept here: asked at start, after each list request (one indexed query), and at most every
 * `MAX_AGE_MS` when a page is drawn; the list's columns follow it from the next page drawn.
 */
import type AdminJS from 'adminjs'
import type { FeatureType } from 'adminjs'
import type { Db, ReconciliationContext } from '../context.js'

export const BANK_ACCOUNT_PROPERTY = 'compteBancaireId'
const MAX_AGE_MS = 30_000

/** Whether several accounts chosen for reconciliation have payments (an EXISTS per account, on the account index). */
export async function severalReconciledAccounts(prisma: Db): Promise<boolean> {
  const [row] = await prisma.$queryRawUnsafe<Array<{ n: bigint | number }>>(
    `SELECT count(*) AS n FROM (
       SELECT 1 FROM "qonto_bank_accounts" a
       WHERE a.reconcile AND EXISTS (SELECT 1 FROM "transactions_qonto" t WHERE t."compteBancaireId" = a.id)
       LIMIT 2) several`,
  )
  return Number(row?.n ?? 0) > 1
}

export interface BankAccountColumn {
  /** The list's columns now: `compteBancaireId` after the amount when several accounts have payments. */
  listProperties(): string[]
  /** Asks the database again (awaited by the list request, so the next page drawn is right). */
  refresh(): Promise<boolean>
  /** A feature for the payments resource: installs `listProperties` on AdminJS's decorated resource. */
  feature: FeatureType
}

export function bankAccountColumn(ctx: ReconciliationContext, resourceId: string, columns: readonly string[]): BankAccountColumn {
  let shown = false
  let askedAt = 0
  let pending: Promise<boolean> | null = null
  const refresh = (): Promise<boolean> => {
    pending ??= severalReconciledAccounts(ctx.prisma)
      .then((several) => ((shown = several), (askedAt = Date.now()), several))
      .catch((error: unknown) => {
        ctx.logger.warn({ err: error }, 'bank-account column: could not count the reconciled accounts (the list keeps its columns)')
        return shown
      })
      .finally(() => (pending = null))
    return pending
  }
  const listProperties = () => {
    if (Date.now() - askedAt > MAX_AGE_MS) void refresh()
    const amount = columns.indexOf('montant')
    return shown ? [...columns.slice(0, amount + 1), BANK_ACCOUNT_PROPERTY, ...columns.slice(amount + 1)] : [...columns]
  }
  // AdminJS copies a resource's options while it builds it: the columns are read from its decorated
  // resource instead, once the AdminJS instance is built (features run inside its constructor).
  const feature: FeatureType = (admin: AdminJS, options = {}) => {
    queueMicrotask(() => {
      const decorated = admin.resources.find((resource) => resource._decorated?.id() === resourceId)?._decorated
      if (decorated) Object.defineProperty(decorated.options, 'listProperties', { get: listProperties, enumerable: true, configurable: true })
      void refresh()
    })
    return options
  }
  return { listProperties, refresh, feature }
}
