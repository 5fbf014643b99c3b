/**
 * Public entry point of the extension: everything a host AdminJS app needs to mount the Qonto
 * reconciliation. The reference back-office in src/admin/ uses exactly this and nothing private.
 */
import type { PrismaClient } from '@prisma/client'
import type { ComponentLoader, LocaleTranslations, LocaleTranslationsBlock, ResourceWithOptions } from 'adminjs'
import { registerComponents } from './admin/component-loader.js'
import { fr } from './admin/locale/fr.js'
import { dashboardStats } from './services/dashboard.service.js'
import { createAllocationResource } from './resources/allocation.resource.js'
import { createAuditLogResource } from './resources/audit-log.resource.js'
import { createDocumentResource } from './resources/document.resource.js'
import { createMarqueResource } from './resources/marque.resource.js'
import { createNotificationResource } from './resources/notification.resource.js'
import { createTransactionQontoResource } from './resources/transaction-qonto.resource.js'
import { createUserResource } from './resources/user.resource.js'

export interface ReconciliationOptions {
  prisma: PrismaClient
  componentLoader: ComponentLoader
}

export function createReconciliation({ prisma, componentLoader }: ReconciliationOptions) {
  const components = registerComponents(componentLoader)
  const deps = { prisma, components }
  const resources = [
    createTransactionQontoResource(deps),
    createAllocationResource(deps),
    createNotificationResource(deps),
    createDocumentResource(deps),
    createMarqueResource(deps),
    createUserResource(deps),
    createAuditLogResource(deps),
  ] as unknown as ResourceWithOptions[]
  return {
    resources,
    dashboard: {
      component: components.Dashboard,
      handler: async () => dashboardStats(prisma),
    },
    locale: { language: 'fr', availableLanguages: ['fr'], translations: { fr: withResourceTranslations(fr, resources) } },
  }
}

/**
 * AdminJS 7.8 drops `options.translations` of resources built this way, so their French labels
 * are merged into the global locale under `resources.<id>`, where AdminJS looks them up.
 */
function withResourceTranslations(base: LocaleTranslations, resources: ResourceWithOptions[]): LocaleTranslations {
  const perResource: Record<string, LocaleTranslationsBlock> = {}
  for (const { options } of resources) {
    const french = (options.translations as Record<string, LocaleTranslationsBlock> | undefined)?.fr
    if (options.id && french) perResource[options.id] = french
  }
  return { ...base, resources: { ...base.resources, ...perResource } }
}

export type Reconciliation = ReturnType<typeof createReconciliation>
export { fr as frenchTranslations }
