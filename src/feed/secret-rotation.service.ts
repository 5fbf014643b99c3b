/**
 * Encryption-key rotation: everything sealed under a previous key (`previousEncryptionKeys`) is opened
 * and sealed again under the current one, column by column, each write conditional on the value read
 * (a process writing meanwhile wins; the next run finishes). After a run that re-sealed everything,
 * the previous key can be removed from the configuration.
 */
import type { ReconciliationContext } from '../context.js'
import { SEALED } from './qonto-access.service.js'
import { WEBHOOK_SECRET_SEAL_CONTEXT } from './webhook-subscription.service.js'

export interface ResealReport {
  /** Values re-sealed under the current key. */
  resealed: number
  /** Values no configured key opens (a key lost): named by column, never by value. */
  unreadable: string[]
}

type Sealed = { column: string; context: string; value: string | null }

export async function resealQontoSecrets(ctx: ReconciliationContext): Promise<ResealReport> {
  const report: ResealReport = { resealed: 0, unreadable: [] }
  if (!ctx.secretBox.available) return report
  const box = ctx.secretBox
  const reseal = async (where: string, values: Sealed[], write: (column: string, from: string, to: string) => Promise<number>) => {
    for (const { column, context, value } of values) {
      if (!value || box.isCurrent(value, context)) continue
      let plain: string
      try {
        plain = box.open(value, context)
      } catch {
        report.unreadable.push(`${where}.${column}`)
        continue
      }
      report.resealed += await write(column, value, box.seal(plain, context))
    }
  }
  for (const row of await ctx.prisma.qontoConnection.findMany()) {
    const values = (Object.entries(SEALED) as [keyof typeof SEALED, string][]).map(([column, context]) => ({ column, context, value: row[column] }))
    await reseal('qonto_connections', values, async (column, from, to) =>
      (await ctx.prisma.qontoConnection.updateMany({ where: { id: row.id, [column]: from }, data: { [column]: to } })).count,
    )
  }
  for (const row of await ctx.prisma.qontoWebhookSubscription.findMany({ select: { id: true, secret: true, previousSecret: true } })) {
    const values = [
      { column: 'secret', context: WEBHOOK_SECRET_SEAL_CONTEXT, value: row.secret },
      { column: 'previousSecret', context: WEBHOOK_SECRET_SEAL_CONTEXT, value: row.previousSecret },
    ]
    await reseal('qonto_webhook_subscriptions', values, async (column, from, to) =>
      (await ctx.prisma.qontoWebhookSubscription.updateMany({ where: { id: row.id, [column]: from }, data: { [column]: to } })).count,
    )
  }
  if (report.resealed > 0) ctx.logger.info({ resealed: report.resealed }, 'qonto secrets re-sealed under the current encryption key')
  if (report.unreadable.length > 0) ctx.logger.error({ columns: report.unreadable }, 'qonto secrets no configured encryption key opens: reconnect Qonto')
  return report
}
