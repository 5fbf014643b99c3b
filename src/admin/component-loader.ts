import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { ComponentLoader } from 'adminjs'

/** Built .js next to this file once compiled (dist/), the .tsx sources when run from the repository. */
function componentPath(name: string): string {
  const base = fileURLToPath(new URL(`../components/${name}`, import.meta.url))
  return existsSync(`${base}.js`) ? `${base}.js` : `${base}.tsx`
}

/** Registers the extension's React components on the host's loader (idempotent for the same path). */
export function registerComponents(loader: ComponentLoader) {
  return {
    Dashboard: loader.add('QontoReconcileDashboard', componentPath('Dashboard')),
    FrenchValue: loader.add('QontoReconcileFrenchValue', componentPath('FrenchValue')),
    RunAction: loader.add('QontoReconcileRunAction', componentPath('RunAction')),
    AutoReconcile: loader.add('QontoReconcileAutoReconcile', componentPath('AutoReconcile')),
    QueueLink: loader.add('QontoReconcileQueueLink', componentPath('QueueLink')),
    Associer: loader.add('QontoReconcileAssocier', componentPath('Associer')),
    Dissocier: loader.add('QontoReconcileDissocier', componentPath('Dissocier')),
    Exporter: loader.add('QontoReconcileExporter', componentPath('Exporter')),
    JsonView: loader.add('QontoReconcileJsonView', componentPath('JsonView')),
    InvoicePayments: loader.add('QontoReconcileInvoicePayments', componentPath('InvoicePayments')),
    FeedHealth: loader.add('QontoReconcileFeedHealth', componentPath('FeedHealth')),
    BankAccounts: loader.add('QontoReconcileBankAccounts', componentPath('BankAccounts')),
    LinkValue: loader.add('QontoReconcileLinkValue', componentPath('LinkValue')),
    EllipsisValue: loader.add('QontoReconcileEllipsisValue', componentPath('EllipsisValue')),
    Ignorer: loader.add('QontoReconcileIgnorer', componentPath('Ignorer')),
    PaymentInvoices: loader.add('QontoReconcilePaymentInvoices', componentPath('PaymentInvoices')),
    QontoConnection: loader.add('QontoReconcileQontoConnection', componentPath('QontoConnection')),
  }
}

/**
 * Opt-in, for a French host: AdminJS's date pickers and selects in French everywhere in the panel
 * (src/components/french-widgets.ts). Global by nature, so never done by createReconciliation.
 */
export function registerFrenchWidgets(loader: ComponentLoader): string {
  return loader.add('QontoReconcileFrenchWidgets', componentPath('FrenchWidgets'))
}

export type ReconciliationComponents = ReturnType<typeof registerComponents>
