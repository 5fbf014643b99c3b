import AdminJS, { ComponentLoader } from 'adminjs'
import { Database, Resource } from '@adminjs/prisma'
import type { PrismaClient } from '@prisma/client'
import { createReconciliation } from '../index.js'

AdminJS.registerAdapter({ Database, Resource })

/** The reference host: a plain AdminJS app that mounts the extension through its public API. */
export function buildAdmin(prisma: PrismaClient) {
  const componentLoader = new ComponentLoader()
  const reconciliation = createReconciliation({ prisma, componentLoader })
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
