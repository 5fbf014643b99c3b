import { readOnlyForEveryone } from '../admin/access.js'
import { NAV_ADMINISTRATION, frenchPrismaResource, type ResourceDeps } from './common.js'

export function createAuditLogResource(deps: ResourceDeps) {
  return frenchPrismaResource(deps, 'AuditLog', {
      id: 'AuditLog',
      navigation: NAV_ADMINISTRATION,
      sort: { sortBy: 'date', direction: 'desc' as const },
      listProperties: ['date', 'acteur', 'action', 'automatique', 'transactionId', 'documentId'],
      filterProperties: ['date', 'user', 'action', 'automatique', 'transactionId', 'documentId'],
      showProperties: ['date', 'acteur', 'user', 'action', 'automatique', 'transactionId', 'documentId', 'avant', 'apres', 'details'],
      properties: {
        id: { isVisible: false },
        avant: { components: { show: deps.components.JsonView } },
        apres: { components: { show: deps.components.JsonView } },
        details: { components: { show: deps.components.JsonView } },
      },
      actions: { ...readOnlyForEveryone },
      translations: {
        fr: {
          labels: { AuditLog: "Journal d'audit" },
          properties: {
            date: 'Date', acteur: 'Acteur', user: 'Utilisateur', action: 'Action', automatique: 'Automatique',
            transactionId: 'Transaction', documentId: 'Facture', avant: 'Avant', apres: 'Après', details: 'Détails',
          },
        },
      },
  })
}
