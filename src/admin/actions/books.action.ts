import { serverTexts } from '../../i18n/server-texts.js'
import type { ActionContext, ActionRequest } from 'adminjs'
import type { Response } from 'express'
import { z } from 'zod'
import type { ReconciliationContext } from '../../context.js'
import { statementCsv } from '../../domain/export/statement-csv.js'
import type { CurrentUser } from '../../options.js'
import { ClosingError, closePeriod } from '../../reconcile/closing.service.js'
import { isoDay } from '../../reconcile/export.service.js'
import { closedThrough } from '../../reconcile/ledger.service.js'
import { reconciliationStatement } from '../../reconcile/statement.service.js'
import { signedIn } from '../access.js'
import { readBody } from './request-body.js'

const statementQuery = z.object({ date: isoDay, format: z.enum(['json', 'csv'], { message: 'format attendu : json ou csv' }).default('json') })
const closingCommand = z.object({ op: z.literal('cloturer'), through: isoDay }).strict()

/**
 * « Comptabilité »: the bank reconciliation statement at a date (JSON for the Exporter page, or the
 * CSV to download) for any signed-in user — the accountant's read-only role included — and the
 * closing of a period (POST), for those who reconcile only: checked here, on the server.
 */
export function comptabiliteAction(ctx: ReconciliationContext) {
  return {
    actionType: 'resource' as const,
    isVisible: false,
    isAccessible: signedIn,
    component: false as const,
    handler: async (request: ActionRequest, response: Response, context: ActionContext) => {
      if (request.method === 'post') {
        if (!ctx.canReconcile(context.currentAdmin as CurrentUser | undefined)) {
          return { ok: false, message: serverTexts({ language: ctx.panelLanguage }).closing.adminOnly }
        }
        const command = closingCommand.safeParse(readBody(request))
        if (!command.success) return { ok: false, message: serverTexts({ language: ctx.panelLanguage }).closing.invalidRequest(command.error.issues.map((i) => `${i.path.join('.')} : ${i.message}`).join(' ; ')) }
        try {
          const result = await closePeriod(ctx, { through: command.data.through, actor: ctx.actorOf(context.currentAdmin as CurrentUser | undefined), language: ctx.panelLanguage.current })
          return { ok: true, message: result.notice, closedThrough: result.through }
        } catch (error) {
          if (error instanceof ClosingError) return { ok: false, message: error.in(ctx.panelLanguage.current) }
          throw error
        }
      }
      const query = statementQuery.safeParse(request.query ?? {})
      if (!query.success) {
        if (request.query?.date === undefined) return { closedThrough: await closedThrough(ctx.prisma), canClose: ctx.canReconcile(context.currentAdmin as CurrentUser | undefined) }
        response.status(400).type('text/plain; charset=utf-8').send(query.error.issues.map((i) => `${i.path.join('.')} : ${i.message}`).join('\n'))
        return undefined
      }
      const statement = await reconciliationStatement(ctx, query.data.date)
      if (query.data.format === 'csv') {
        response.status(200).set({
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="etat_de_rapprochement_${query.data.date}.csv"`,
        }).send(statementCsv(statement))
        return undefined
      }
      return { statement, closedThrough: await closedThrough(ctx.prisma), canClose: ctx.canReconcile(context.currentAdmin as CurrentUser | undefined) }
    },
  }
}
