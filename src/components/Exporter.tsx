import React, { useState } from 'react'
import { Box, Button, FormGroup, Input, Label, Select, Text } from '@adminjs/design-system'
import { rootPath, TRANSACTIONS } from './paths.js'

const today = new Date().toISOString().slice(0, 10)
const firstOfMonth = `${today.slice(0, 8)}01`
const FORMATS = [
  { value: 'csv', label: 'CSV (tableur : point-virgule, virgule décimale)' },
  { value: 'fec', label: 'FEC (Fichier des Écritures Comptables)' },
]

/** "Exporter": the reconciled payments of a period, as a CSV or a FEC file to download. */
const Exporter: React.FC = () => {
  const [from, setFrom] = useState(firstOfMonth)
  const [to, setTo] = useState(today)
  const [format, setFormat] = useState(FORMATS[0]!)
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to
  // The Exporter action itself streams the file on GET with these parameters: no route for the host to mount.
  const href = `${rootPath()}/api/resources/${TRANSACTIONS}/actions/exporter?${new URLSearchParams({ format: format.value, from, to })}`
  return (
    <Box variant="card" p="xl">
      <Text mb="lg">Paiements rapprochés sur la période, prêts pour l'expert-comptable.</Text>
      <FormGroup>
        <Label>Du</Label>
        <Input type="date" value={from} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFrom(e.target.value)} data-testid="export-from" />
      </FormGroup>
      <FormGroup>
        <Label>Au</Label>
        <Input type="date" value={to} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTo(e.target.value)} data-testid="export-to" />
      </FormGroup>
      <FormGroup>
        <Label>Format</Label>
        <Select value={format} options={FORMATS} onChange={(selected: typeof format) => setFormat(selected)} />
      </FormGroup>
      <Button as="a" href={valid ? href : undefined} variant="contained" disabled={!valid} data-testid="export-download">
        Télécharger
      </Button>
      {!valid && <Text mt="default" color="error">La date de début doit précéder la date de fin.</Text>}
    </Box>
  )
}

export default Exporter
