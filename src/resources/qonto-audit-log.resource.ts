import { readOnlyForEveryone } from '../admin/access.js'
import { NAV_RAPPROCHEMENT, frenchPrismaResource, type ResourceDeps } from './common.js'

export function createAuditLogResource(deps: ResourceDeps) {
  return frenchPrismaResource(deps, 'QontoAuditLog', {
      id: 'QontoAuditLog',
      navigation: NAV_RAPPROCHEMENT,
      sort: { sortBy: 'date', direction: 'desc' as const },
      listProperties: ['date', 'acteur', 'action', 'automatique', 'transactionId', 'factureId'],
      filterProperties: ['date', 'userId', 'action', 'automatique', 'transactionId', 'factureId'],
      showProperties: ['date', 'acteur', 'userId', 'action', 'automatique', 'transactionId', 'factureId', 'avant', 'apres', 'details'],
      properties: {
        id: { isVisible: false },
        avant: { components: { show: deps.components.JsonView } },
        apres: { components: { show: deps.components.JsonView } },
        details: { components: { show: deps.components.JsonView } },
      },
      actions: { ...readOnlyForEveryone },
      translations: {
        fr: {
          labels: { QontoAuditLog: "Journal d'audit" },
          properties: {
            date: 'Date', acteur: 'Acteur', userId: 'Utilisateur', action: 'Action', automatique: 'Automatique',
            transactionId: 'Transaction', factureId: 'Facture', avant: 'Avant', apres: 'Après', details: 'Détails',
          },
        },
      },
  })
}
