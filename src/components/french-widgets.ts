/**
 * French defaults for the widgets AdminJS renders from @adminjs/design-system, wherever they appear
 * (filters, forms, the extension's own components): react-select's "Select...", "No options" and
 * "Loading...", and react-datepicker's calendar (month and day names, Monday first, dd/mm/yyyy, its
 * English button labels). Global, so only for a French host that asks for it
 * (`registerFrenchWidgets(componentLoader)`, which registers FrenchWidgets.tsx): the extension never
 * changes a host's widgets on its own.
 *
 * The design system's module object is frozen, but its components are plain functions: their
 * `defaultProps` fill what AdminJS leaves undefined. react-datepicker keeps its locales on `window`
 * (`registerLocale`/`setDefaultLocale` write `__localeData__`/`__localeId__`).
 */
import { DatePicker, Select, SelectAsync } from '@adminjs/design-system'
import fr from 'date-fns/locale/fr/index.js'

const digit = { regex: '\\d' }

/** What the date picker shows and accepts: 24/11/2026, calendar in French. */
export const FRENCH_DATE_PICKER = {
  dateFormat: 'dd/MM/yyyy',
  placeholderText: 'jj/mm/aaaa',
  inputMask: { mask: [digit, digit, '/', digit, digit, '/', digit, digit, digit, digit] },
  locale: 'fr',
  calendarStartDay: 1,
  previousMonthAriaLabel: 'Mois précédent',
  previousMonthButtonLabel: 'Mois précédent',
  nextMonthAriaLabel: 'Mois suivant',
  nextMonthButtonLabel: 'Mois suivant',
  previousYearAriaLabel: 'Année précédente',
  previousYearButtonLabel: 'Année précédente',
  nextYearAriaLabel: 'Année suivante',
  nextYearButtonLabel: 'Année suivante',
  chooseDayAriaLabelPrefix: 'Choisir le',
  disabledDayAriaLabelPrefix: 'Indisponible :',
  weekAriaLabelPrefix: 'semaine',
  monthAriaLabelPrefix: 'mois',
  timeInputLabel: 'Heure',
  timeCaption: 'Heure',
  ariaLabelClose: 'Effacer',
}

/** react-select's texts (its defaults are English). */
export const FRENCH_SELECT = {
  placeholder: 'Choisir…',
  noOptionsMessage: ({ inputValue }: { inputValue: string }) => (inputValue ? `Aucun résultat pour « ${inputValue} »` : 'Aucun choix'),
  loadingMessage: () => 'Chargement…',
}

type WithDefaults = { defaultProps?: Record<string, unknown> }

function addDefaults(component: unknown, defaults: Record<string, unknown>): void {
  if (typeof component !== 'function' && typeof component !== 'object') return
  const target = component as WithDefaults
  target.defaultProps = { ...defaults, ...(target.defaultProps ?? {}) }
}

const scope = (typeof window !== 'undefined' ? window : globalThis) as unknown as { __localeData__?: Record<string, unknown>; __localeId__?: string }
scope.__localeData__ = { ...(scope.__localeData__ ?? {}), fr }
scope.__localeId__ = 'fr'

addDefaults(DatePicker, FRENCH_DATE_PICKER)
addDefaults(Select, FRENCH_SELECT)
addDefaults(SelectAsync, FRENCH_SELECT)
