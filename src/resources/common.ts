import type { PropertyOptions, ResourceOptions } from 'adminjs'
import type { ReconciliationComponents } from '../admin/component-loader.js'
import type { ReconciliationContext } from '../context.js'
import { adminClientModule } from '../host/dmmf.js'
import { resolveModel } from '../host/mapping.js'

export interface ResourceDeps {
  ctx: ReconciliationContext
  components: ReconciliationComponents
}

type FrenchLabels = { labels?: Record<string, string>; properties?: Record<string, string>; actions?: Record<string, string> }
export type FrenchResourceOptions = ResourceOptions & { id: string; translations: { fr: FrenchLabels } }

/**
 * An @adminjs/prisma resource built from the full DMMF (see db/dmmf.ts), displayed in French:
 * enum values get their labels from the `<property>.<VALUE>` translation keys, and every boolean
 * date and enum field is rendered by the FrenchValue component (Oui/Non, 24/11/2026, « Exécutée »):
 * AdminJS would strip accents from enum labels and print booleans in English.
 */
export function frenchPrismaResource({ ctx, components }: ResourceDeps, modelName: string, options: FrenchResourceOptions) {
  resolveModel(ctx.dmmf, modelName, 'Ressource AdminJS')
  const model = ctx.dmmf.datamodel.models.find((m) => m.name === modelName)!
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
    if (field.type === 'Boolean' || field.type === 'DateTime' || field.kind === 'enum' || enumLabels[field.name]) {
      const isDay = field.nativeType?.[0] === 'Date'
      properties[field.name] = {
        ...properties[field.name],
        // A @db.Date column has no time of day: show and edit it as a date.
        ...(isDay ? { type: 'date' as const } : {}),
        // The date picker shows dd/mm/yyyy by default (components/french-widgets.ts); a date-time keeps its time.
        ...(field.type === 'DateTime' && !isDay ? { props: { ...DATE_TIME_PICKER, ...properties[field.name]?.props } } : {}),
        components: { list: components.FrenchValue, show: components.FrenchValue },
      }
    }
  }
  return {
    resource: { model, client: ctx.prisma, clientModule: adminClientModule(ctx.dmmf) },
    options: {
      ...options,
      properties,
      translations: { fr: { ...options.translations.fr, properties: propertyLabels } },
    },
  }
}

const digit = { regex: '\\d' }
/** The date picker of a date-time field: 24/11/2026 09:40. */
const DATE_TIME_PICKER = {
  dateFormat: 'dd/MM/yyyy HH:mm',
  placeholderText: 'jj/mm/aaaa hh:mm',
  inputMask: { mask: [digit, digit, '/', digit, digit, '/', digit, digit, digit, digit, ' ', digit, digit, ':', digit, digit] },
}

/** Display of a Decimal(14,2) amount as "1 500,00 €". */
export const euroProperty: PropertyOptions = {
  type: 'currency',
  props: { decimalSeparator: ',', groupSeparator: ' ', suffix: ' €', decimalScale: 2, fixedDecimalLength: 2 },
}

export const NAV_RAPPROCHEMENT = { name: 'Rapprochement bancaire', icon: 'Repeat' }
