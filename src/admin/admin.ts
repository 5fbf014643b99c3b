import AdminJS, { ComponentLoader } from 'adminjs'
import { Database as PrismaAdapterDatabase, Resource } from '@adminjs/prisma'
import type { Database } from '../db/database.js'
import type { Logger } from '../logger.js'
import { createReconciliation } from '../index.js'

AdminJS.registerAdapter({ Database: PrismaAdapterDatabase, Resource })

/** The reference host: a plain AdminJS app that mounts the extension through its public API. */
export function buildAdmin(db: Database, logger: Logger, env: NodeJS.ProcessEnv = process.env) {
  const componentLoader = new ComponentLoader()
  const reconciliation = createReconciliation({ db, componentLoader, env, logger })
  const admin = new AdminJS({
    rootPath: '/admin',
    componentLoader,
    resources: reconciliation.resources,
    dashboard: reconciliation.dashboard,
    locale: reconciliation.locale,
    branding: {
      companyName: 'Agence Glow · Rapprochement Qonto',
      logo: false,
      withMadeWithLove: false,
      theme: { colors: { primary100: '#b4436c', primary80: '#c2597f', primary60: '#d07c9b' } },
    },
  })
  return { admin, reconciliation }
}
