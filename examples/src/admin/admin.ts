import { fileURLToPath } from 'node:url'
import AdminJS, { ComponentLoader } from 'adminjs'
import { Database as PrismaAdapterDatabase, Resource } from '@adminjs/prisma'
import { createReconciliation, registerFrenchWidgets } from 'qonto-reconcile'
import type { AppConfig } from '../config.js'
import type { Database } from '../database.js'
import type { Logger } from '../logger.js'
import { reconciliationOptions } from '../reconciliation-options.js'
import { createDocumentResource } from '../resources/document.resource.js'
import { createMarqueResource } from '../resources/marque.resource.js'
import { createNotificationResource } from '../resources/notification.resource.js'
import { createUserResource } from '../resources/user.resource.js'
import { PANEL_STYLESHEET_PATH } from '../panel-css.js'
import { hostLocale } from './locale.js'

/** Columns that never leave the server, whichever resource, list, show or populated relation reads them. */
const SECRET_COLUMNS = ['passwordHash']

/** The Prisma adapter, minus secret columns in every record it hands to AdminJS. */
class SecretFreeResource extends Resource {
  protected override prepareReturnValues(params: Record<string, unknown>): Record<string, unknown> {
    const values = super.prepareReturnValues(params)
    for (const column of SECRET_COLUMNS) delete values[column]
    return values
  }
}

AdminJS.registerAdapter({ Database: PrismaAdapterDatabase, Resource: SecretFreeResource })

/** The agency's back-office: its own resources and locale, with qonto-reconcile mounted as the README says. */
export function buildAdmin(db: Database, config: AppConfig, logger: Logger, env: NodeJS.ProcessEnv = process.env) {
  const componentLoader = new ComponentLoader()
  const reconciliation = createReconciliation({ ...reconciliationOptions(db, config, logger, env), componentLoader })
  // The agency's panel is French throughout: AdminJS's date pickers and selects too (its choice, not the package's).
  registerFrenchWidgets(componentLoader)
  const hostComponents = {
    IbanList: componentLoader.add('AgenceIbanList', fileURLToPath(new URL('./components/IbanList.tsx', import.meta.url))),
    LinkValue: componentLoader.add('AgenceLinkValue', fileURLToPath(new URL('./components/LinkValue.tsx', import.meta.url))),
  }
  // AdminJS's forms say a failed save in a hard-coded English sentence: its notices, translated.
  componentLoader.override('NoticeBox', fileURLToPath(new URL('./components/NoticeBox.tsx', import.meta.url)))
  const deps = { prisma: db.prisma, frenchResource: reconciliation.frenchResource, components: reconciliation.components, hostComponents }
  const admin = new AdminJS({
    rootPath: '/admin',
    componentLoader,
    resources: [
      ...reconciliation.resources,
      createDocumentResource(deps, [reconciliation.invoiceFeature()]),
      createMarqueResource(deps),
      createUserResource(deps),
      createNotificationResource(deps),
    ],
    // The agency uses the reconciliation widget as its dashboard; it is also a page.
    dashboard: reconciliation.dashboard,
    pages: reconciliation.pages,
    locale: reconciliation.locale(hostLocale),
    assets: { styles: [PANEL_STYLESHEET_PATH] },
    branding: {
      companyName: 'Agence Glow · Rapprochement Qonto',
      logo: false,
      withMadeWithLove: false,
      theme: { colors: { primary100: '#b4436c', primary80: '#c2597f', primary60: '#d07c9b' } },
    },
  })
  return { admin, reconciliation }
}
