import React from 'react'
import { Link, Text, ValueGroup } from '@adminjs/design-system'
import { useTranslation, type BasePropertyProps } from 'adminjs'

/** A payment or an invoice named in words, linked to its page (params `<path>` and `<path>Href`, see resources/links.ts). */
const LinkValue: React.FC<BasePropertyProps> = ({ property, record, resource, where }) => {
  const { translateProperty } = useTranslation()
  const text = String(record?.params?.[property.path] ?? '')
  const href = String(record?.params?.[`${property.path}Href`] ?? '')
  const value = text === '' ? <Text>—</Text> : href ? <Link href={href} onClick={(e: React.MouseEvent) => e.stopPropagation()} style={{ whiteSpace: text.length <= 24 ? 'nowrap' : 'normal' }}>{text}</Link> : <Text>{text}</Text>
  if (where !== 'show') return value
  return <ValueGroup label={translateProperty(property.label, resource.id)}>{value}</ValueGroup>
}

export default LinkValue
