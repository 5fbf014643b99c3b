import type { PropertyOptions, ResourceOptions } from 'adminjs'
import type { ReconciliationComponents } from '../admin/component-loader.js'
import type { ReconciliationContext } from '../context.js'
import { adminClientModule } from '../host/dmmf.js'
import { resolveModel } from '../host/mapping.js'
import type { Language, LanguageRef } from '../admin/locale/language.js'

export interface ResourceDeps {
  ctx: ReconciliationContext
  components: ReconciliationComponents
  /** The panel's language (the host's locale, see index.ts `locale()`): enum labels follow it. */
  language?: LanguageRef
}

export type ResourceLabels = { labels?: Record<string, string>; properties?: Record<string, string>; actions?: Record<string, string> }
export type FrenchResourceOptions = ResourceOptions & { id: string; translations: { fr: ResourceLabels; en?: ResourceLabels } }

const YES_NO: Record<Language, [string, string]> = { fr: ['Oui', 'Non'], en: ['Yes', 'No'] }

/**
 * An @adminjs/prisma resource built from the full DMMF (see db/dmmf.ts), labelled in the panel's
 * language (French and English): enum values get their labels from the `<property>.<VALUE>`
 * translation keys, and every boolean, date and enum field is rendered by the FrenchValue component
 * (Oui/Non or Yes/No, 24/11/2026 or 2026-11-24, « Exécutée » or "Settled"): AdminJS would strip
 * accents from enum labels and print booleans in English.
 */
export function frenchPrismaResource({ ctx, components, language }: ResourceDeps, modelName: string, options: FrenchResourceOptions) {
  resolveModel(ctx.dmmf, modelName, 'Ressource AdminJS')
  const model = ctx.dmmf.datamodel.models.find((m) => m.name === modelName)!
  const properties: Record<string, PropertyOptions> = { ...options.properties }
  const languages = Object.keys(options.translations) as Language[]
  const propertyLabels = {} as Record<Language, Record<string, string>>
  const enumLabels = {} as Record<Language, Record<string, Array<{ value: string; label: string }>>>
  for (const lang of languages) {
    propertyLabels[lang] = {}
    enumLabels[lang] = {}
    for (const [key, label] of Object.entries(options.translations[lang]?.properties ?? {})) {
      const [property, value] = key.split('.')
      if (value === undefined) propertyLabels[lang][key] = label
      else (enumLabels[lang][property!] ??= []).push({ value, label })
    }
  }
  const booleans = new Set(model.fields.filter((f) => f.type === 'Boolean').map((f) => f.name))
  for (const [name, property] of Object.entries(properties)) if (property?.type === 'boolean') booleans.add(name)
  for (const field of model.fields) {
    if (field.type === 'Boolean' || field.type === 'DateTime' || field.kind === 'enum' || enumLabels.fr?.[field.name]) {
      const isDay = field.nativeType?.[0] === 'Date'
      const own = properties[field.name]
      properties[field.name] = {
        ...own,
        // A @db.Date column has no time of day: show and edit it as a date.
        ...(isDay ? { type: 'date' as const } : {}),
        components: { list: components.FrenchValue, show: components.FrenchValue },
      }
      // A date-time keeps its time in the picker, written as the panel's language writes it.
      if (field.type === 'DateTime' && !isDay) withDateTimePicker(properties[field.name]!, language, own?.props)
    }
  }
  // Read when AdminJS serialises the property (each request), so they follow the language the host's locale set.
  const current = (): Language => (language && enumLabels[language.current] ? language.current : languages[0]!)
  // Amounts as every screen of the extension writes them (« 1 234,56 € » / "€1,234.56"), in the host's language;
  // a currency property that comes with its own props (a host resource built with frenchResource) is the
  // host's widget and is left exactly as given.
  for (const [name, property] of Object.entries(properties)) {
    if (property?.type !== 'currency' || property.props) continue
    const target = { ...property }
    Object.defineProperty(target, 'props', { enumerable: true, get: () => EURO_PROPS[language?.current ?? 'fr'] })
    properties[name] = target
  }
  for (const property of new Set(languages.flatMap((lang) => Object.keys(enumLabels[lang])))) {
    const target = { ...properties[property] }
    Object.defineProperty(target, 'availableValues', { enumerable: true, get: () => enumLabels[current()][property] ?? enumLabels.fr?.[property] })
    properties[property] = target
  }
  const translations = Object.fromEntries(
    languages.map((lang) => {
      const block = options.translations[lang]!
      const [yes, no] = YES_NO[lang]
      // AdminJS's own boolean filter reads « <property>.true » as a label of the resource.
      const booleanLabels = Object.fromEntries([...booleans].flatMap((name) => [[`${name}.true`, yes], [`${name}.false`, no]]))
      return [lang, { ...block, labels: { ...booleanLabels, ...block.labels }, properties: propertyLabels[lang] }]
    }),
  )
  return {
    resource: { model, client: ctx.prisma, clientModule: adminClientModule(ctx.dmmf) },
    options: { ...options, properties, translations, actions: withBigIntsAsText(options.actions) },
  }
}

type Actions = ResourceOptions['actions']
/** The built-in actions whose answers carry records (their params and populated references). */
const RECORD_ANSWERS = ['list', 'show', 'search', 'edit', 'new'] as const

/** A copy of `value` with every BigInt as its decimal text (JSON cannot carry a BigInt). */
export function bigIntsAsText(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(bigIntsAsText)
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, bigIntsAsText(inner)]))
  }
  return value
}

/**
 * A host with BigInt ids gives the extension's records BigInt foreign keys (factureId, clientId…)
 * and BigInt populated references: AdminJS's answer would be a 500 "Do not know how to serialize a
 * BigInt" (adminjs#1717) on the lists and pages once a payment is associated. Found by the host matrix.
 */
function withBigIntsAsText(actions: Actions): Actions {
  const out: Record<string, object> = { ...(actions as Record<string, object> | undefined) }
  for (const name of RECORD_ANSWERS) {
    const action = (out[name] ?? {}) as { after?: unknown }
    const after = action.after === undefined ? [] : Array.isArray(action.after) ? action.after : [action.after]
    out[name] = { ...action, after: [...after, async (response: unknown) => bigIntsAsText(response)] }
  }
  return out as Actions
}

const digit = { regex: '\\d' }
/** The date picker of a date-time field, as the screens write a date-time: 24/11/2026 09:40 / 24 Nov 2026, 09:40. */
const DATE_TIME_PICKERS: Record<Language, Record<string, unknown>> = {
  fr: {
    dateFormat: 'dd/MM/yyyy HH:mm',
    placeholderText: 'jj/mm/aaaa hh:mm',
    inputMask: { mask: [digit, digit, '/', digit, digit, '/', digit, digit, digit, digit, ' ', digit, digit, ':', digit, digit] },
  },
  en: { dateFormat: 'd MMM yyyy, HH:mm', placeholderText: 'e.g. 24 Nov 2026, 09:40' },
}

/** Gives a date-time property its picker in the panel's language (read on each request), the resource's own props on top. */
function withDateTimePicker(property: PropertyOptions, language: LanguageRef | undefined, own: Record<string, unknown> | undefined): void {
  Object.defineProperty(property, 'props', { enumerable: true, get: () => ({ ...DATE_TIME_PICKERS[language?.current ?? 'fr'], ...own }) })
}

/** Display of a Decimal(14,2) amount as "1 500,00 €". */
/** An amount in euros: its separators follow the panel's language (frenchPrismaResource sets them). */
export const euroProperty: PropertyOptions = { type: 'currency' }

const EURO_PROPS: Record<Language, Record<string, unknown>> = {
  fr: { decimalSeparator: ',', groupSeparator: ' ', suffix: ' €', decimalScale: 2, fixedDecimalLength: 2 },
  en: { decimalSeparator: '.', groupSeparator: ',', prefix: '€', decimalScale: 2, fixedDecimalLength: 2 },
}

export const NAV_RAPPROCHEMENT = { name: 'Rapprochement bancaire', icon: 'Repeat' }
