/**
 * qonto-reconcile for AdminJS: resources for the extension's own models, a feature for the host's
 * invoice resource, the dashboard widget (as the dashboard, a page, or inside the host's own), a
 * translations block to merge, on top of the core use-cases and runtime (./core.ts).
 */
import { buildFeature, type ComponentLoader, type FeatureType, type LocaleTranslations, type LocaleTranslationsBlock, type ResourceWithOptions } from 'adminjs'
import { dashboardData, fileRapprochementAction, tableauDeBordAction } from './admin/actions/dashboard.action.js'
import { exporterAction } from './admin/actions/export.action.js'
import { comptabiliteAction } from './admin/actions/books.action.js'
import { desactiverRegleAction, ignorerAction, retablirAction } from './admin/actions/ignore.actions.js'
import { rapprocherPaiementAction } from './admin/actions/invoice.actions.js'
import { associerAction, dissocierAction, rapprocherSelectionAction, rapprocherToutAction } from './admin/actions/reconciliation.actions.js'
import { syncQontoAction } from './admin/actions/sync-qonto.action.js'
import { comptesBancairesAction, santeFluxAction } from './admin/actions/bank-accounts.action.js'
import { connexionQontoAction } from './admin/actions/qonto-connection.action.js'
import { registerComponents } from './admin/component-loader.js'
import { fr } from './admin/locale/fr.js'
import { mergeTranslations, type LocaleLike, type TranslationsBlock } from './admin/locale/merge.js'
import { createReconciliationCore, type CoreRuntimeOptions } from './core.js'
import type { CurrentUser } from './options.js'
import { createAllocationResource } from './resources/qonto-allocation.resource.js'
import { createAuditLogResource } from './resources/qonto-audit-log.resource.js'
import { createBankAccountResource } from './resources/qonto-bank-account.resource.js'
import { createRegleResource } from './resources/qonto-regle.resource.js'
import { createEmailOutboxResource } from './resources/qonto-email-outbox.resource.js'
import { frenchPrismaResource, type FrenchResourceOptions } from './resources/common.js'
import { createTransactionQontoResource } from './resources/transaction-qonto.resource.js'

export interface ReconciliationOptions extends CoreRuntimeOptions {
  /** The host's AdminJS ComponentLoader: the extension's components are added to it. */
  componentLoader: ComponentLoader
}

/** The extension's own resources: their ids are its model names, which a host schema cannot reuse. */
export const RESOURCE_IDS = ['TransactionQonto', 'QontoAllocation', 'QontoAuditLog', 'QontoRegle', 'QontoEmailOutbox', 'QontoBankAccount'] as const

export function createReconciliation(options: ReconciliationOptions) {
  const core = createReconciliationCore(options)
  const ctx = core.context
  const components = registerComponents(options.componentLoader)
  const deps = { ctx, components }
  const resources = [
    createTransactionQontoResource(deps, {
      associer: associerAction(ctx, components.Associer, core.flushEmails),
      dissocier: dissocierAction(ctx, components.Dissocier),
      rapprocherAutomatiquement: rapprocherSelectionAction(ctx, components.AutoReconcile, core.flushEmails),
      rapprocherTout: rapprocherToutAction(ctx, components.AutoReconcile, core.flushEmails),
      exporter: exporterAction(ctx, components.Exporter),
      comptabilite: comptabiliteAction(ctx),
      synchroniserQonto: syncQontoAction(ctx, components.RunAction, core.flushEmails),
      tableauDeBord: tableauDeBordAction(ctx),
      ignorer: ignorerAction(ctx, components.Ignorer),
      retablir: retablirAction(ctx, components.RunAction),
      connexionQonto: connexionQontoAction(ctx),
      fileRapprochement: fileRapprochementAction(ctx),
    }),
    createAllocationResource(deps),
    createAuditLogResource(deps),
    createRegleResource(deps, { desactiver: desactiverRegleAction(ctx, components.RunAction) }),
    createEmailOutboxResource(deps),
    createBankAccountResource(deps, { comptesBancaires: comptesBancairesAction(ctx), santeFlux: santeFluxAction(ctx) }),
  ] as unknown as ResourceWithOptions[]
  const invoiceResourceId = ctx.invoices.mapping.resourceId
  const translations: TranslationsBlock = {
    fr: withResourceTranslations(fr, resources, {
      [invoiceResourceId]: {
        actions: { rapprocherPaiement: 'Rapprocher un paiement' },
        properties: { paiementsQonto: 'Paiements Qonto' },
      },
    }),
  }
  const dashboardHandler = async (_request: unknown, _response: unknown, context: { currentAdmin?: unknown }) =>
    dashboardData(ctx, context.currentAdmin as CurrentUser | undefined)

  return {
    ...core,
    /** Add to AdminJS `resources` next to the host's own. */
    resources,
    /** Components registered on the host's loader (the dashboard widget can be placed anywhere). */
    components,
    /**
     * An @adminjs/prisma resource for one of the host's own models, built from the full DMMF (which a
     * client generated with engineType "client" lacks) and displayed in French: dates, booleans and
     * enum values by the extension's value component, enum labels from `translations.fr.properties['field.VALUE']`.
     */
    frenchResource: (modelName: string, resourceOptions: FrenchResourceOptions) => frenchPrismaResource(deps, modelName, resourceOptions),
    /** `features: [reconciliation.invoiceFeature()]` on the host's invoice resource: its Qonto payments and "Rapprocher un paiement". */
    invoiceFeature(): FeatureType {
      // As with @adminjs/upload's virtual properties: a host that lists its showProperties adds 'paiementsQonto' to the list.
      return buildFeature({
        properties: {
          paiementsQonto: {
            isVisible: { list: false, filter: false, edit: false, show: true },
            components: { show: components.InvoicePayments },
            position: 1000,
          },
        },
        actions: { rapprocherPaiement: rapprocherPaiementAction(ctx, components.InvoicePayments, core.flushEmails) },
      })
    },
    /** To use the widget as the host's dashboard: `dashboard: reconciliation.dashboard`. */
    dashboard: { component: components.Dashboard, handler: dashboardHandler },
    /** Or as a page: `pages: { ...reconciliation.pages }`. */
    pages: {
      rapprochement: { component: components.Dashboard, handler: dashboardHandler, icon: 'Repeat' },
      connexionQonto: { component: components.QontoConnection, icon: 'Link' },
      // Until the connection page embeds it: the accounts choice and the webhook subscription (ADMIN on the server).
      comptesQonto: { component: components.BankAccounts, icon: 'CreditCard' },
    },
    /** French labels of the extension (and of AdminJS's core keys): merge them with mergeTranslations. */
    translations,
    /** The host's locale with the extension's translations merged in (the host's own keys win). */
    locale: (hostLocale?: LocaleLike) => mergeTranslations(hostLocale, translations, [...RESOURCE_IDS]),
  }
}

const BUILT_IN_ACTIONS = new Set(['list', 'show', 'edit', 'new', 'delete', 'bulkDelete', 'search'])

/**
 * AdminJS 7.8 drops `options.translations` of resources built this way, so their French labels
 * are merged into the locale under `resources.<id>`, where AdminJS looks them up.
 */
function withResourceTranslations(base: LocaleTranslations, resources: ResourceWithOptions[], extra: Record<string, LocaleTranslationsBlock>): LocaleTranslations {
  const perResource: Record<string, LocaleTranslationsBlock> = { ...extra }
  for (const { options } of resources) {
    const french = (options.translations as Record<string, LocaleTranslationsBlock> | undefined)?.fr
    if (options.id && french) perResource[options.id] = french
  }
  for (const [id, block] of Object.entries(perResource)) {
    // A list page is titled by what it lists (« Transactions Qonto »), not « Liste ».
    const name = (block.labels as Record<string, string> | undefined)?.[id]
    if (name) perResource[id] = { ...block, actions: { list: name, ...(block.actions as Record<string, string> | undefined) } }
  }
  // The breadcrumb reads action names from the global namespace, not the resource's (« Rapprocher Paiement »);
  // AdminJS's own actions keep their global names there (each resource may title its pages its own way).
  const actionNames = Object.fromEntries(
    Object.values(perResource).flatMap((block) => Object.entries((block.actions as Record<string, string> | undefined) ?? {})).filter(([name]) => !BUILT_IN_ACTIONS.has(name)),
  ) as Record<string, string>
  return {
    ...base,
    actions: { ...(base.actions as Record<string, string>), ...actionNames },
    // The navigation group is looked up as a label too (AdminJS would start-case it: « Rapprochement Bancaire »).
    labels: { ...(base.labels as Record<string, string>), rapprochement: 'Rapprochement bancaire', 'Rapprochement bancaire': 'Rapprochement bancaire' },
    pages: { rapprochement: 'Rapprochement bancaire', connexionQonto: 'Connexion Qonto', comptesQonto: 'Comptes bancaires Qonto' },
    resources: { ...base.resources, ...perResource },
  }
}

export type Reconciliation = ReturnType<typeof createReconciliation>
export * from './core.js'
export { mergeTranslations, type LocaleLike, type TranslationsBlock }
