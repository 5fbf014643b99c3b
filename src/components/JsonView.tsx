import React from 'react'
import { flat, useTranslation, type BasePropertyProps } from 'adminjs'
import { Box, Text, ValueGroup } from '@adminjs/design-system'

const LABELS: Record<string, string> = {
  mode: 'Mode',
  score: 'Score',
  raisons: 'Raisons',
  allocations: 'Affectations',
  motif: 'Motif',
  montantAlloueCents: 'Montant rapproché (centimes)',
  factures: 'Factures',
}

/** A JSON column of the audit log (before / after / details), readable: reasons as a list, score as %. */
const JsonView: React.FC<BasePropertyProps> = ({ property, record, resource }) => {
  const { translateProperty } = useTranslation()
  const label = translateProperty(property.label, resource.id)
  const value = flat.get(record?.params ?? {}, property.path) as unknown
  if (value === undefined || value === null) return null
  if (typeof value !== 'object') return <ValueGroup label={label}><Text>{String(value)}</Text></ValueGroup>
  return (
    <ValueGroup label={label}>
    <Box>
      {Object.entries(value as Record<string, unknown>).map(([key, item]) => (
        <Box key={key} mb="sm">
          <Text fontWeight="bold">{LABELS[key] ?? key}</Text>
          {key === 'score' && typeof item === 'number' ? (
            <Text>{Math.round(item * 100)} %</Text>
          ) : Array.isArray(item) && item.every((x) => typeof x === 'string') ? (
            <Box as="ul" pl="xl">{item.map((x, i) => <li key={i}>{x}</li>)}</Box>
          ) : (
            <Text as="pre" style={{ whiteSpace: 'pre-wrap' }}>{typeof item === 'string' ? item : JSON.stringify(item, null, 2)}</Text>
          )}
        </Box>
      ))}
    </Box>
    </ValueGroup>
  )
}

export default JsonView
