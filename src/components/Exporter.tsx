import React, { useState } from 'react'
import { Box, Button, FormGroup, Input, Label, Select, Text } from '@adminjs/design-system'
import { rootPath, TRANSACTIONS } from './paths.js'
import { exportFormProblems, type ExportFormat } from './export-form.js'

const today = new Date().toISOString().slice(0, 10)
const firstOfMonth = `${today.slice(0, 8)}01`
type FormatOption = { value: ExportFormat; label: string }
const FORMATS: FormatOption[] = [
  { value: 'csv', label: 'CSV (tableur : point-virgule, virgule décimale)' },
  { value: 'fec', label: 'FEC (Fichier des Écritures Comptables)' },
]

/** "Exporter": the reconciled payments of a period, as a CSV or a FEC file to download. */
const Exporter: React.FC = () => {
  const [from, setFrom] = useState(firstOfMonth)
  const [to, setTo] = useState(today)
  // Cleared by the user: null (react-select hands over null), never a crash.
  const [format, setFormat] = useState<FormatOption | null>(FORMATS[0]!)
  const problems = exportFormProblems({ format: format?.value ?? null, from, to })
  // The Exporter action itself streams the file on GET with these parameters: no route for the host to mount.
  const href = format && problems.length === 0
    ? `${rootPath()}/api/resources/${TRANSACTIONS}/actions/exporter?${new URLSearchParams({ format: format.value, from, to })}`
    : undefined
  return (
    <Box variant="card" p="xl">
      <Text mb="lg">Paiements rapprochés sur la période, prêts pour l'expert-comptable.</Text>
      <FormGroup>
        <Label htmlFor="export-from">Du</Label>
        <Input id="export-from" type="date" value={from} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFrom(e.target.value ?? '')} data-testid="export-from" />
      </FormGroup>
      <FormGroup>
        <Label htmlFor="export-to">Au</Label>
        <Input id="export-to" type="date" value={to} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTo(e.target.value ?? '')} data-testid="export-to" />
      </FormGroup>
      <FormGroup>
        <Label>Format</Label>
        <Box data-testid="export-format">
          <Select
            value={format}
            options={FORMATS}
            placeholder="Choisir un format…"
            onChange={(selected: FormatOption | null) => setFormat(selected ?? null)}
          />
        </Box>
      </FormGroup>
      <Button as="a" href={href} variant="contained" disabled={!href} data-testid="export-download">
        Télécharger
      </Button>
      {problems.map((problem) => (
        <Text key={problem} mt="default" color="error" data-testid="export-problem">
          {problem}
        </Text>
      ))}
    </Box>
  )
}

export default Exporter
