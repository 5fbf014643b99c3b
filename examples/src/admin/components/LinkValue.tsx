import React from 'react'
import { Link, ValueGroup } from '@adminjs/design-system'
import { useTranslation, type BasePropertyProps } from 'adminjs'

/** A link stored as text (a notification's page in the back-office), clickable; only same-site paths become links. */
const LinkValue: React.FC<BasePropertyProps> = ({ property, record, where, resource }) => {
  const { translateProperty } = useTranslation()
  const href = String(record?.params?.[property.path] ?? '')
  const safe = href.startsWith('/') && !href.startsWith('//')
  const value = !href ? null : safe ? (
    <Link href={href} data-testid="link-value">Ouvrir</Link>
  ) : (
    <span>{href}</span>
  )
  if (where !== 'show') return value
  return <ValueGroup label={translateProperty(property.label, resource.id)}>{value}</ValueGroup>
}

export default LinkValue
