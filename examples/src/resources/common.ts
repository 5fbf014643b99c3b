import type { PrismaClient } from '@prisma/client'
import type { PropertyOptions, ResourceOptions } from 'adminjs'
import type { FullDmmf } from 'qonto-reconcile'

/** What the host's resources need: its Prisma client, its full DMMF and the French value component. */
export interface ResourceDeps {
  prisma: PrismaClient
  dmmf: FullDmmf
  components: { FrenchValue: string; RunAction: string }
}

type FrenchLabels = { labels?: Record<string, string>; properties?: Record<string, string>; actions?: Record<string, string> }
type Options = ResourceOptions & { id: string; translations: { fr: FrenchLabels } }

/**
 * An @adminjs/prisma resource built from the full DMMF (see db/dmmf.ts), displayed in French:
 * enum values get their labels from the `<property>.<VALUE>` translation keys, and every boolean
 * date and enum field is rendered by the FrenchValue component (Oui/Non, 24/11/2026, « Exécutée »):
 * AdminJS would strip accents from enum labels and print booleans in English.
 */
export function frenchPrismaResource({ prisma, dmmf, components }: ResourceDeps, modelName: string, options: Options) {
  const model = dmmf.datamodel.models.find((m) => m.name === modelName)!
  const properties: Record<string, PropertyOptions> = { ...options.properties }
  const propertyLabels: Record<string, string> = {}
  const enumLabels: Record<string, Array<{ value: string; label: string }>> = {}
  for (const [key, label] of Object.entries(options.translations.fr.properties ?? {})) {
    const [property, value] = key.split('.')
    if (value === undefined) propertyLabels[key] = label
    else (enumLabels[property!] ??= []).push({ value, label })
  }
  for (const [property, availableValues] of Object.entries(enumLabels)) {
    properties[property] = { ...properties[property], availableValues }
  }
  for (const field of model.fields) {
    if (field.type === 'Boolean' || field.type === 'DateTime' || field.kind === 'enum') {
      properties[field.name] = {
        ...properties[field.name],
        // A @db.Date column has no time of day: show and edit it as a date.
        ...(field.nativeType?.[0] === 'Date' ? { type: 'date' as const } : {}),
        components: { list: components.FrenchValue, show: components.FrenchValue },
      }
    }
  }
  return {
    resource: { model, client: prisma, clientModule: { Prisma: { dmmf } } },
    options: {
      ...options,
      properties,
      translations: { fr: { ...options.translations.fr, properties: propertyLabels } },
    },
  }
}

/** Display of a Decimal(14,2) amount as "1 500,00 €". */
export const euroProperty: PropertyOptions = {
  type: 'currency',
  props: { decimalSeparator: ',', groupSeparator: ' ', suffix: ' €', decimalScale: 2, fixedDecimalLength: 2 },
}

export const NAV_FACTURATION = { name: 'Facturation', icon: 'FileText' }
export const NAV_ADMINISTRATION = { name: 'Administration', icon: 'Settings' }
