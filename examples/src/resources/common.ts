import type { PrismaClient } from '@prisma/client'
import type { PropertyOptions } from 'adminjs'
import type { Reconciliation } from 'qonto-reconcile'

/** What the host's resources need: its Prisma client, and the extension's French resource builder and components. */
export interface ResourceDeps {
  prisma: PrismaClient
  frenchResource: Reconciliation['frenchResource']
  components: Reconciliation['components']
  /** The back-office's own components (admin/components). */
  hostComponents: { IbanList: string; LinkValue: string }
}

/**
 * Display of a Decimal(14,2) amount as "1 500,00 €". No fixedDecimalLength: in the form it reads
 * "1250" as 12,50 € (the digits as cents). What the form sends is read by euro-amount.hook.ts.
 */
export const euroProperty: PropertyOptions = {
  type: 'currency',
  props: { decimalSeparator: ',', groupSeparator: ' ', suffix: ' €', decimalScale: 2 },
}

export const NAV_FACTURATION = { name: 'Facturation', icon: 'FileText' }
export const NAV_ADMINISTRATION = { name: 'Administration', icon: 'Settings' }
