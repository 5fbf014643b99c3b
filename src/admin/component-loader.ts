import { fileURLToPath } from 'node:url'
import type { ComponentLoader } from 'adminjs'

const componentPath = (name: string) => fileURLToPath(new URL(`../components/${name}`, import.meta.url))

/** Registers the extension's React components on the host's loader (idempotent for the same path). */
export function registerComponents(loader: ComponentLoader) {
  return {
    Dashboard: loader.add('QontoReconcileDashboard', componentPath('Dashboard')),
    FrenchValue: loader.add('QontoReconcileFrenchValue', componentPath('FrenchValue')),
    RunAction: loader.add('QontoReconcileRunAction', componentPath('RunAction')),
    Associer: loader.add('QontoReconcileAssocier', componentPath('Associer')),
    Exporter: loader.add('QontoReconcileExporter', componentPath('Exporter')),
    JsonView: loader.add('QontoReconcileJsonView', componentPath('JsonView')),
  }
}

export type ReconciliationComponents = ReturnType<typeof registerComponents>
