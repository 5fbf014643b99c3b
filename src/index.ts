/**
 * qonto-reconcile for AdminJS: resources for the extension's own models, a feature for the host's
 * invoice resource, the dashboard widget (as the dashboard, a page, or inside the host's own), a
 * translations block to merge, on top of the core use-cases and runtime (./core.ts).
 */
import { buildFeature, type ComponentLoader, type FeatureType, type LocaleTranslations, type LocaleTranslationsBlock, type ResourceWithOptions } from 'adminjs'
import { dashboardData, facturesEnRetardAction, fileRapprochementAction, notificationsAction, tableauDeBordAction } from './admin/actions/dashboard.action.js'
import { exporterAction } from './admin/actions/export.action.js'
import { comptabiliteAction } from './admin/actions/books.action.js'
import { desactiverRegleAction, ignorerAction, retablirAction } from './admin/actions/ignore.actions.js'
import { rapprocherPaiementAction } from './admin/actions/invoice.actions.js'
import { accepterSuggestionsAction, associerAction, dissocierAction, rapprocherSelectionAction, rapprocherToutAction } from './admin/actions/reconciliation.actions.js'
import { syncQontoAction } from './admin/actions/sync-qonto.action.js'
import { comptesBancairesAction, santeFluxAction } from './admin/actions/bank-accounts.action.js'
import { connexionQontoAction } from './admin/actions/qonto-connection.action.js'
import { registerComponents } from './admin/component-loader.js'
export { registerFrenchWidgets } from './admin/component-loader.js'
/** The extension's lists (cards on a phone, no mid-word breaks) and the focus ring: CSS text for the host's `assets.styles`. */
export { panelStylesheet as reconciliationStylesheet } from './admin/panel-stylesheet.js'
import { ENGLISH_SHARED, FRENCH_SHARED } from './admin/locale/en-resources.js'
import { languageOf, type Language } from './admin/locale/language.js'
import { mergeTranslations, type LocaleLike, type TranslationsBlock } from './admin/locale/merge.js'
import { createReconciliationCore, type CoreRuntimeOptions } from './core.js'
import type { CurrentUser } from './options.js'
import { createAllocationResource } from './resources/qonto-allocation.resource.js'
import { createAuditLogResource } from './resources/qonto-audit-log.resource.js'
import { createBankAccountResource } from './resources/qonto-bank-account.resource.js'
import { createRegleResource } from './resources/qonto-regle.resource.js'
import { createEmailOutboxResource } from './resources/qonto-email-outbox.resource.js'
import { frenchPrismaResource, NAV_RAPPROCHEMENT, type FrenchResourceOptions } from './resources/common.js'
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
  const language = ctx.panelLanguage
  const deps = { ctx, components, language }
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
      accepterSuggestions: accepterSuggestionsAction(ctx, core.flushEmails),
      facturesEnRetard: facturesEnRetardAction(ctx),
      notificationsRapprochement: notificationsAction(ctx),
    }),
    createAllocationResource(deps),
    createAuditLogResource(deps),
    createRegleResource(deps, { desactiver: desactiverRegleAction(ctx, components.RunAction) }),
    createEmailOutboxResource(deps),
    createBankAccountResource(deps, { comptesBancaires: comptesBancairesAction(ctx), santeFlux: santeFluxAction(ctx) }),
  ] as unknown as ResourceWithOptions[]
  const invoiceResourceId = ctx.invoices.mapping.resourceId
  const translations: TranslationsBlock = {
    fr: resourceTranslations('fr', resources, invoiceResourceId),
    en: resourceTranslations('en', resources, invoiceResourceId),
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
    /** The extension's own labels in French and English (its resources, pages, navigation group, invoice feature): merge them with mergeTranslations. */
    translations,
    /**
     * The host's locale with the extension's translations added (French by default): only the
     * extension's own keys, the host's keys and widgets untouched. The extension then speaks the
     * host's language (French on a French host, English on any other).
     */
    locale: (hostLocale?: LocaleLike) => {
      language.current = languageOf(hostLocale?.language)
      return mergeTranslations(hostLocale, translations, [...RESOURCE_IDS])
    },
  }
}

const BUILT_IN_ACTIONS = new Set(['list', 'show', 'edit', 'new', 'delete', 'bulkDelete', 'search'])
const SHARED: Record<Language, typeof FRENCH_SHARED> = { fr: FRENCH_SHARED, en: ENGLISH_SHARED }

/**
 * The extension's labels in one language. AdminJS 7.8 drops `options.translations` of resources
 * built this way, so each resource's labels go into the locale under `resources.<id>`, where AdminJS
 * looks them up; nothing of AdminJS's own keys (the host's strings stay the host's).
 */
function resourceTranslations(lang: Language, resources: ResourceWithOptions[], invoiceResourceId: string): LocaleTranslations {
  const shared = SHARED[lang]
  const perResource: Record<string, LocaleTranslationsBlock> = { [invoiceResourceId]: shared.invoice }
  for (const { options } of resources) {
    const block = (options.translations as Record<string, LocaleTranslationsBlock> | undefined)?.[lang]
    if (options.id && block) perResource[options.id] = block
  }
  for (const [id, block] of Object.entries(perResource)) {
    // A list page is titled by what it lists (« Transactions Qonto »), not « Liste ».
    const name = (block.labels as Record<string, string> | undefined)?.[id]
    if (name) perResource[id] = { ...block, actions: { list: name, ...(block.actions as Record<string, string> | undefined) } }
  }
  // The breadcrumb reads action names from the global namespace, not the resource's (« Rapprocher Paiement »):
  // the extension's own actions are named there too (AdminJS's built-in ones are left as the host has them).
  const actionNames = Object.fromEntries(
    Object.values(perResource).flatMap((block) => Object.entries((block.actions as Record<string, string> | undefined) ?? {})).filter(([name]) => !BUILT_IN_ACTIONS.has(name)),
  ) as Record<string, string>
  return {
    actions: actionNames,
    // The navigation group is looked up as a label too (AdminJS would start-case it: « Rapprochement Bancaire »).
    labels: { rapprochement: shared.navigation, [NAV_RAPPROCHEMENT.name]: shared.navigation },
    pages: shared.pages,
    resources: perResource,
  }
}

export type Reconciliation = ReturnType<typeof createReconciliation>
export * from './core.js'
export { mergeTranslations, type LocaleLike, type TranslationsBlock }
/** AdminJS's own keys in French (AdminJS ships no `fr`), for a French host to add to its locale: `translations: { fr: adminjsFrench }`. */
export { fr as adminjsFrench } from './admin/locale/fr.js'
