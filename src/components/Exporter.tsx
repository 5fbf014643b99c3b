import React, { useState } from 'react'
import { Box, Button, DatePicker, FormGroup, Label, Select, Text } from '@adminjs/design-system'
import { rootPath, TRANSACTIONS } from './paths.js'
import { exportFormProblems, fromPickerValue, toPickerValue, type ExportFormat } from './export-form.js'

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
        <Label>Du</Label>
        {/* The panel's date picker (French, dd/mm/yyyy whatever the browser's language), not the browser's own. */}
        <Box data-testid="export-from">
          <DatePicker propertyType="date" value={toPickerValue(from)} onChange={(value: string | null) => setFrom(fromPickerValue(value))} />
        </Box>
      </FormGroup>
      <FormGroup>
        <Label>Au</Label>
        <Box data-testid="export-to">
          <DatePicker propertyType="date" value={toPickerValue(to)} onChange={(value: string | null) => setTo(fromPickerValue(value))} />
        </Box>
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
