import React, { useEffect, useState } from 'react'
import { ApiClient, useNotice } from 'adminjs'
import { Box, Button, DatePicker, FormGroup, H5, Label, Select, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system'
import { statementRows, type StatementView } from '../domain/export/statement.js'
import { rootPath, TRANSACTIONS } from './paths.js'
import { exportFormProblems, fromPickerValue, toPickerValue, type ExportFormat } from './export-form.js'

const today = new Date().toISOString().slice(0, 10)
const firstOfMonth = `${today.slice(0, 8)}01`
type FormatOption = { value: ExportFormat; label: string }
const FORMATS: FormatOption[] = [
  { value: 'csv', label: 'CSV (tableur : point-virgule, virgule décimale)' },
  { value: 'fec', label: 'FEC (Fichier des Écritures Comptables)' },
]

const api = new ApiClient()
const isDay = (day: string) => /^\d{4}-\d{2}-\d{2}$/.test(day)
const frenchDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`
type BooksView = { statement?: StatementView; closedThrough: string | null; canClose: boolean; ok?: boolean; message?: string }

/** The bank reconciliation statement at a date (shown, and as a CSV), and the closing of a period (admins). */
const Books: React.FC = () => {
  const notice = useNotice()
  const [date, setDate] = useState(today)
  const [closing, setClosing] = useState('')
  const [view, setView] = useState<BooksView | null>(null)
  const [busy, setBusy] = useState(false)
  const action = { resourceId: TRANSACTIONS, actionName: 'comptabilite' }
  useEffect(() => {
    api.resourceAction(action).then((r) => setView(r.data as unknown as BooksView)).catch(() => undefined)
  }, [])
  const show = async () => {
    setBusy(true)
    try {
      setView((await api.resourceAction({ ...action, params: { date } } as never)).data as unknown as BooksView)
    } catch {
      notice({ message: 'L’état de rapprochement n’a pas pu être calculé (erreur réseau ou serveur).', type: 'error' })
    } finally {
      setBusy(false)
    }
  }
  const close = async () => {
    if (!window.confirm(`Clôturer la période jusqu’au ${frenchDate(closing)} ? Aucune écriture ne pourra plus être datée de ces jours.`)) return
    setBusy(true)
    try {
      const result = (await api.resourceAction({ ...action, method: 'post', data: { body: JSON.stringify({ op: 'cloturer', through: closing }) } })).data as unknown as BooksView
      notice({ message: result.message ?? 'Terminé.', type: result.ok ? 'success' : 'error' })
      if (result.ok) setView({ ...(view ?? { canClose: true }), closedThrough: (result as { closedThrough?: string }).closedThrough ?? null })
    } catch {
      notice({ message: 'La clôture a échoué (erreur réseau ou serveur).', type: 'error' })
    } finally {
      setBusy(false)
    }
  }
  const csv = isDay(date) ? `${rootPath()}/api/resources/${TRANSACTIONS}/actions/comptabilite?${new URLSearchParams({ date, format: 'csv' })}` : undefined
  const rows = view?.statement ? statementRows(view.statement) : []
  return (
    <>
      <Box variant="card" p="xl" mt="lg" data-testid="statement">
        <H5>État de rapprochement bancaire</H5>
        <Text mb="lg">Solde Qonto, crédits expliqués et non expliqués (par ancienneté) à une date, et l’équation qui les relie.</Text>
        <FormGroup>
          <Label>Au</Label>
          <Box data-testid="statement-date">
            <DatePicker propertyType="date" value={toPickerValue(date)} onChange={(value: string | null) => setDate(fromPickerValue(value))} />
          </Box>
        </FormGroup>
        <Button variant="contained" mr="default" disabled={!isDay(date) || busy} onClick={show} data-testid="statement-show">Afficher</Button>
        <Button as="a" href={csv} variant="outlined" disabled={!csv} data-testid="statement-download">Télécharger (CSV)</Button>
        {rows.length > 1 && (
          <Table mt="lg" data-testid="statement-table">
            <TableHead><TableRow>{rows[0]!.map((h) => <TableCell key={h}>{h}</TableCell>)}</TableRow></TableHead>
            <TableBody>
              {rows.slice(1).map((row, i) => (
                <TableRow key={i}>{row.map((cell, j) => <TableCell key={j} style={j > 0 ? { textAlign: 'right' } : undefined}>{cell}</TableCell>)}</TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
      <Box variant="card" p="xl" mt="lg" data-testid="closing">
        <H5>Clôture de période</H5>
        <Text mb="lg" data-testid="closed-through">
          {view?.closedThrough ? `Période close jusqu’au ${frenchDate(view.closedThrough)} : une modification d’un paiement de ces jours est passée au premier jour ouvert.` : 'Aucune période close.'}
        </Text>
        {view?.canClose && (
          <>
            <FormGroup>
              <Label>Clôturer jusqu’au (inclus)</Label>
              <Box data-testid="closing-date">
                <DatePicker propertyType="date" value={toPickerValue(closing)} onChange={(value: string | null) => setClosing(fromPickerValue(value))} />
              </Box>
            </FormGroup>
            <Button variant="danger" disabled={!isDay(closing) || busy} onClick={close} data-testid="closing-submit">Clôturer</Button>
          </>
        )}
      </Box>
    </>
  )
}

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
    <>
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
    <Books />
    </>
  )
}

export default Exporter
