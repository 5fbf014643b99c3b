import React from 'react'
import { Badge, Text, ValueGroup } from '@adminjs/design-system'
import { useTranslation, type BasePropertyProps } from 'adminjs'
import { panelLanguage } from './panel-language.js'
import { panelTexts } from './i18n/texts.js'
import { formatDateValue } from './value-format.js'

const T = panelTexts().frenchValue

/**
 * Enum values by their label in the panel's language (« Exécutée » / "Settled"), booleans as Oui/Non
 * or Yes/No, dates as 24/11/2026 or 2026-11-24 (and the time for date-times), in lists and record
 * pages. Only where a resource asks for it: nothing global (the host's widgets stay the host's).
 */
const FrenchValue: React.FC<BasePropertyProps> = (props) => {
  const { translateProperty } = useTranslation()
  const value = <Value {...props} />
  // On a record page a custom component replaces the whole field, label included.
  if (props.where !== 'show') return value
  return <ValueGroup label={translateProperty(props.property.label, props.resource.id)}>{value}</ValueGroup>
}

const Value: React.FC<BasePropertyProps> = ({ property, record }) => {
  const { translateLabel } = useTranslation()
  const raw = record?.params?.[property.path]
  if (raw === undefined || raw === null || raw === '') return null
  const option = property.availableValues?.find((candidate) => candidate.value === String(raw))
  if (option) {
    return (
      <Badge size="sm" outline>
        {option.label}
      </Badge>
    )
  }
  if (property.type === 'boolean') {
    const yes = raw === true || raw === 'true'
    const fallback = yes ? T.oui : T.non
    return (
      <Badge outline size="sm" variant={yes ? 'success' : undefined}>
        {translateLabel(`${property.path}.${yes}`, property.resourceId, { defaultValue: fallback })}
      </Badge>
    )
  }
  const date = new Date(String(raw))
  if (Number.isNaN(date.getTime())) return <Text>{String(raw)}</Text>
  return <Text>{formatDateValue(date, property.type !== 'date', panelLanguage())}</Text>
}

export default FrenchValue
