import type { ActionContext, ActionRequest } from 'adminjs'
import type { PanelUser } from '../admin/access.js'
import { readOnlyForEveryone } from '../admin/access.js'
import { marquerLuAction, marquerLusAction } from './notification.actions.js'
import { NAV_ADMINISTRATION as NAV_RAPPROCHEMENT, type ResourceDeps } from './common.js'

/** Each user only ever lists their own notifications. */
function onlyMine(request: ActionRequest, context: ActionContext): ActionRequest {
  const me = (context.currentAdmin as PanelUser | undefined)?.id
  return { ...request, query: { ...request.query, 'filters.user': me ?? '__nobody__' } }
}

export function createNotificationResource(deps: ResourceDeps) {
  const customActions = {
    marquerLu: marquerLuAction(deps.prisma, deps.components.RunAction),
    marquerLus: marquerLusAction(deps.prisma, deps.components.RunAction),
  }
  return deps.frenchResource('Notification', {
      id: 'Notification',
      navigation: NAV_RAPPROCHEMENT,
      sort: { sortBy: 'date', direction: 'desc' as const },
      listProperties: ['date', 'titre', 'message', 'lien', 'lu'],
      filterProperties: ['date', 'type', 'lu'],
      showProperties: ['date', 'type', 'titre', 'message', 'lien', 'lu'],
      properties: {
        id: { isVisible: false },
        cle: { isVisible: false },
        titre: { isTitle: true },
        lien: { components: { list: deps.hostComponents.LinkValue, show: deps.hostComponents.LinkValue } },
      },
      actions: {
        ...readOnlyForEveryone,
        list: { ...readOnlyForEveryone.list, before: onlyMine },
        // The reference search would look through everyone's notifications: nobody needs it.
        search: { isAccessible: () => false, isVisible: false },
        show: {
          ...readOnlyForEveryone.show,
          isAccessible: ({ currentAdmin, record }: ActionContext) =>
            Boolean(currentAdmin) && record?.param('user') === (currentAdmin as PanelUser).id,
        },
        ...customActions,
      },
      translations: {
        fr: {
          labels: { Notification: 'Notifications' },
          actions: { list: 'Notifications', show: 'Notification', marquerLu: 'Marquer comme lue', marquerLus: 'Marquer comme lues' },
          properties: {
            date: 'Date', type: 'Type', titre: 'Titre', message: 'Message', lien: 'Lien', lu: 'Lue', user: 'Destinataire',
            // The kinds qonto-reconcile writes (an unknown one is shown as written).
            'type.PAIEMENT_RECU': 'Paiement reçu',
            'type.PAIEMENT_ANNULE': 'Paiement refusé ou annulé',
            'type.RAPPROCHEMENT_AUTO': 'Rapprochement automatique',
          },
        },
      },
  })
}
