import type { ActionContext } from 'adminjs'
import type { ReconciliationContext } from '../../context.js'
import type { CurrentUser } from '../../options.js'
import { dashboardStats, paymentsToReconcile } from '../../services/dashboard.service.js'
import { feedHealth } from '../../services/feed-health.service.js'
import { signedIn } from '../access.js'

/** What the dashboard widget shows, wherever the host places it (dashboard, page, its own component). */
export async function dashboardData(ctx: ReconciliationContext, currentAdmin: CurrentUser | undefined) {
  const userId = currentAdmin ? ctx.actorOf(currentAdmin).userId : null
  const [stats, payments, unreadNotifications, health] = await Promise.all([
    dashboardStats(ctx),
    paymentsToReconcile(ctx),
    userId && ctx.notifications?.unreadCount ? ctx.notifications.unreadCount(userId) : Promise.resolve(0),
    feedHealth(ctx, { notifyWhenStale: true }),
  ])
  return { stats, payments, canReconcile: ctx.canReconcile(currentAdmin), unreadNotifications, feedHealth: health }
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
