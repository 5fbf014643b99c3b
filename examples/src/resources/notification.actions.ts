import type { PrismaClient } from '@prisma/client'
import type { ActionContext, ActionRequest, ActionResponse, RecordActionResponse } from 'adminjs'
import type { PanelUser } from '../admin/access.js'

const me = (context: ActionContext) => (context.currentAdmin as PanelUser | undefined)?.id

/** Marks the current user's own notifications as read (by POST; others' are never touched). */
async function markRead(prisma: PrismaClient, ids: string[], userId: string | undefined): Promise<number> {
  if (!userId || ids.length === 0) return 0
  const { count } = await prisma.notification.updateMany({ where: { id: { in: ids }, userId }, data: { lu: true } })
  return count
}

export function marquerLuAction(prisma: PrismaClient, component: string) {
  return {
    actionType: 'record' as const,
    icon: 'Check',
    component,
    custom: { intro: 'Marquer cette notification comme lue.', button: 'Marquer comme lue' },
    isAccessible: ({ currentAdmin, record }: ActionContext) => Boolean(currentAdmin) && record?.param('user') === (currentAdmin as PanelUser).id,
    isVisible: ({ record }: ActionContext) => record?.param('lu') !== true,
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<RecordActionResponse & Record<string, unknown>> => {
      const record = context.record!
      if (request.method !== 'post') return { record: record.toJSON(context.currentAdmin) }
      const count = await markRead(prisma, [String(record.id())], me(context))
      const refreshed = (await context.resource.findOne(String(record.id()), context)) ?? record
      return { record: refreshed.toJSON(context.currentAdmin), ok: count === 1, message: count === 1 ? 'Notification marquée comme lue.' : 'Notification introuvable.' }
    },
  }
}

export function marquerLusAction(prisma: PrismaClient, component: string) {
  return {
    actionType: 'bulk' as const,
    icon: 'CheckSquare',
    component,
    // AdminJS asks again for each selected record: someone else's notification makes the whole action forbidden.
    isAccessible: ({ currentAdmin, record }: ActionContext) => Boolean(currentAdmin) && (!record || record.param('user') === (currentAdmin as PanelUser).id),
    custom: { intro: 'Marque les notifications sélectionnées comme lues.', button: 'Marquer comme lues' },
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
      const records = context.records ?? []
      if (request.method !== 'post') return { records: records.map((r) => r.toJSON(context.currentAdmin)) }
      const count = await markRead(prisma, records.map((r) => String(r.id())), me(context))
      return { records: records.map((r) => r.toJSON(context.currentAdmin)), ok: true, message: `${count} notification(s) marquée(s) comme lue(s).` }
    },
  }
}

export function unreadCount(prisma: PrismaClient, userId: string | undefined): Promise<number> {
  return userId ? prisma.notification.count({ where: { userId, lu: false } }) : Promise.resolve(0)
}
