import type { ActionContext, ActionRequest } from 'adminjs'
import { serverTexts } from '../../i18n/server-texts.js'
import { z } from 'zod'
import { readBody } from './request-body.js'
import type { Response } from 'express'
import type { ReconciliationContext } from '../../context.js'
import type { CurrentUser } from '../../options.js'
import { dashboardStats } from '../../reconcile/dashboard.service.js'
import { paymentCounts } from '../../reconcile/payment-counts.service.js'
import { canSync } from '../../feed/qonto-access.service.js'
import { describeQueryIssues, workQueue, workQueueQuerySchema } from '../../reconcile/work-queue.service.js'
import { feedHealth } from '../../feed/feed-health.service.js'
import { signedIn } from '../access.js'
import { overdueInvoices } from '../../reconcile/overdue-invoices.service.js'
import { IGNORE_CATEGORIES } from '../../domain/explanation.js'
import { categoryIn } from '../../i18n/error-texts.js'

/** What the dashboard widget shows, wherever the host places it (dashboard, page, its own component). */
export async function dashboardData(ctx: ReconciliationContext, currentAdmin: CurrentUser | undefined) {
  const userId = currentAdmin ? ctx.actorOf(currentAdmin).userId : null
  // The payments' counts once (one aggregate) for the cards and the queue's tabs.
  const counts = paymentCounts(ctx.prisma)
  const [stats, queue, unreadNotifications, health] = await Promise.all([
    dashboardStats(ctx, new Date(), counts),
    // The queue's first page ("à rapprocher", oldest first); further pages and filters: fileRapprochement.
    workQueue(ctx, { etat: 'a_rapprocher' }, { counts }),
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
    ignoreCategories: IGNORE_CATEGORIES.map((value) => ({ value, label: categoryIn(ctx.panelLanguage.current, value) })),
    emailGraceMinutes: ctx.sendEmail ? ctx.emailGraceMinutes : null,
    // Where the invoice cards lead (the host's invoice resource).
    invoiceResourceId: ctx.invoices.mapping.resourceId,
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

/** "Factures en retard" (GET): open invoices past due, oldest due first, what is owed and the payments received. */
export function facturesEnRetardAction(ctx: ReconciliationContext) {
  return {
    actionType: 'resource' as const,
    isVisible: false,
    isAccessible: signedIn,
    component: false as const,
    handler: async () => ({ ok: true, invoices: await overdueInvoices(ctx) }),
  }
}

const markReadSchema = z.union([z.object({ all: z.literal(true) }), z.object({ ids: z.array(z.string().min(1).max(100)).min(1).max(100) })])

/**
 * The signed-in user's notifications from the dashboard (GET: the latest 20, unread first), and
 * marking them read by POST: `{ ids }` (the one she opens) or `{ all: true }` ("Tout marquer comme
 * lu"). Only her own are ever read or changed; a host without a read flag answers an empty list.
 */
export function notificationsAction(ctx: ReconciliationContext) {
  return {
    actionType: 'resource' as const,
    isVisible: false,
    isAccessible: signedIn,
    component: false as const,
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
      const userId = ctx.actorOf(context.currentAdmin as CurrentUser | undefined).userId
      const adapter = ctx.notifications
      if (!userId || !adapter?.list || !adapter.markRead || !adapter.unreadCount) return { ok: true, notifications: [], unread: 0 }
      if (request.method === 'post') {
        const command = markReadSchema.safeParse(readBody(request))
        const T = serverTexts({ language: ctx.panelLanguage }).notices
        if (!command.success) return { ok: false, message: T.invalidMarkRead }
        const count = await adapter.markRead(userId, 'all' in command.data ? 'all' : command.data.ids)
        return { ok: true, count, unread: await adapter.unreadCount(userId), message: T.notificationsRead(count) }
      }
      const [notifications, unread] = await Promise.all([adapter.list(userId, 20), adapter.unreadCount(userId)])
      return { ok: true, notifications, unread }
    },
  }
}
