import React from 'react'
import { Box, Text, ValueGroup } from '@adminjs/design-system'
import { useTranslation, type BasePropertyProps } from 'adminjs'

/** A String[] of IBANs (flattened by AdminJS as `ibans.0`, `ibans.1`…), grouped by four as on a bank statement. */
export function ibansOf(params: Record<string, unknown> | undefined, path: string): string[] {
  const list = params?.[path]
  if (Array.isArray(list)) return list.map(String)
  return Object.entries(params ?? {})
    .filter(([key]) => new RegExp(`^${path}\\.\\d+$`).test(key))
    .sort(([a], [b]) => Number(a.split('.').pop()) - Number(b.split('.').pop()))
    .map(([, value]) => String(value))
}

const grouped = (iban: string) => iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ')

const IbanList: React.FC<BasePropertyProps> = ({ property, record, where, resource }) => {
  const { translateProperty } = useTranslation()
  const ibans = ibansOf(record?.params, property.path)
  const list = (
    <Box data-testid="iban-list">
      {ibans.length === 0 ? <Text color="grey60">Aucun</Text> : ibans.map((iban) => (
        <Text key={iban} style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{grouped(iban)}</Text>
      ))}
    </Box>
  )
  if (where !== 'show') return list
  return <ValueGroup label={translateProperty(property.label, resource.id)}>{list}</ValueGroup>
}

export default IbanList
