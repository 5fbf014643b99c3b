import type { ActionContext, ActionRequest } from 'adminjs'
import type { Response } from 'express'
import type { ReconciliationContext } from '../../context.js'
import type { CurrentUser } from '../../options.js'
import { dashboardStats } from '../../reconcile/dashboard.service.js'
import { canSync } from '../../feed/qonto-access.service.js'
import { describeQueryIssues, workQueue, workQueueQuerySchema } from '../../reconcile/work-queue.service.js'
import { feedHealth } from '../../feed/feed-health.service.js'
import { signedIn } from '../access.js'
import { CATEGORY_LABELS, IGNORE_CATEGORIES } from '../../domain/explanation.js'

/** What the dashboard widget shows, wherever the host places it (dashboard, page, its own component). */
export async function dashboardData(ctx: ReconciliationContext, currentAdmin: CurrentUser | undefined) {
  const userId = currentAdmin ? ctx.actorOf(currentAdmin).userId : null
  const [stats, queue, unreadNotifications, health] = await Promise.all([
    dashboardStats(ctx),
    // The queue's first page ("à rapprocher", oldest first); further pages and filters: fileRapprochement.
    workQueue(ctx, { etat: 'a_rapprocher' }),
    userId && ctx.notifications?.unreadCount ? ctx.notifications.unreadCount(userId) : Promise.resolve(0),
    feedHealth(ctx, { notifyWhenStale: true }),
  ])
  return {
    stats,
    queue,
    canReconcile: ctx.canReconcile(currentAdmin),
    canSync: canSync(ctx),
    unreadNotifications,
    feedHealth: health,
    // What the queue's inline actions offer: the write-off limit and account, the ignore categories.
    writeOff: { maxCents: ctx.writeOff.maxCents, account: ctx.writeOff.account },
    ignoreCategories: IGNORE_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] })),
    emailGraceMinutes: ctx.sendEmail ? ctx.emailGraceMinutes : null,
  }
}

export function tableauDeBordAction(ctx: ReconciliationContext) {
  return {
    actionType: 'resource' as const,
    isVisible: false,
    isAccessible: signedIn,
    component: false as const,
    handler: async (_request: unknown, _response: unknown, context: ActionContext) => dashboardData(ctx, context.currentAdmin as CurrentUser | undefined),
  }
}

/**
 * The work queue (GET, query: etat, du, au, minCents, maxCents, payeur, page, perPage): one page of
 * payments with counts per state. Invalid parameters: 400 with a French sentence, nothing read.
 */
export function fileRapprochementAction(ctx: ReconciliationContext) {
  return {
    actionType: 'resource' as const,
    isVisible: false,
    isAccessible: signedIn,
    component: false as const,
    handler: async (request: ActionRequest, response: Response, context: ActionContext) => {
      const parsed = workQueueQuerySchema.safeParse(request.query ?? {})
      if (!parsed.success) {
        response.status(400).json({ ok: false, message: describeQueryIssues(parsed.error) })
        return undefined
      }
      return { ok: true, queue: await workQueue(ctx, parsed.data), canReconcile: ctx.canReconcile(context.currentAdmin as CurrentUser | undefined) }
    },
  }
}
