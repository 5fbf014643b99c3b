import React from 'react'
import { Badge, Text, ValueGroup } from '@adminjs/design-system'
import { useTranslation, type BasePropertyProps } from 'adminjs'
// French react-select texts and date picker everywhere in the panel (runs once at load).
import './french-widgets.js'

/** Enum values by their French label, booleans as Oui/Non, dates as 24/11/2026 (and 09:40 for date-times), in lists and record pages. */
const FrenchValue: React.FC<BasePropertyProps> = (props) => {
  const { translateProperty } = useTranslation()
  const value = <Value {...props} />
  // On a record page a custom component replaces the whole field, label included.
  if (props.where !== 'show') return value
  return <ValueGroup label={translateProperty(props.property.label, props.resource.id)}>{value}</ValueGroup>
}

const Value: React.FC<BasePropertyProps> = ({ property, record }) => {
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
    return (
      <Badge outline size="sm" variant={yes ? 'success' : undefined}>
        {yes ? 'Oui' : 'Non'}
      </Badge>
    )
  }
  const date = new Date(String(raw))
  if (Number.isNaN(date.getTime())) return <Text>{String(raw)}</Text>
  const text =
    property.type === 'date'
      ? date.toLocaleDateString('fr-FR', { timeZone: 'UTC' })
      : date.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' })
  return <Text>{text}</Text>
}

export default FrenchValue
