import React, { useEffect, useState } from 'react'
import { ApiClient, useNotice } from 'adminjs'
import { Box, Button, DatePicker, FormGroup, H5, Label, Select, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system'
import { statementRows, type StatementView } from '../domain/export/statement.js'
import { rootPath, TRANSACTIONS } from './paths.js'
import { panelLanguage } from './panel-language.js'
import { dayPickerProps, exportFormProblems, fromPickerValue, toPickerValue, type ExportFormat } from './export-form.js'
import { panelTexts } from './i18n/texts.js'
import { postCommand } from './action-request.js'
import { day, today as parisToday } from './panel-format.js'

const T = panelTexts().exporter

const today = parisToday()
const firstOfMonth = `${today.slice(0, 8)}01`
type FormatOption = { value: ExportFormat; label: string }
const FORMATS: FormatOption[] = [
  { value: 'csv', label: T.csvTableurPointVirgule },
  { value: 'fec', label: T.fecFichierDesEcritures },
]

const api = new ApiClient()
const { textInput, ...PICKER } = dayPickerProps()
/** The picker's input: a plain one where the day is typed in words (the design system's mask only takes digits). */
const PICKER_INPUT = textInput ? { customInput: <input /> } : {}
const isDay = (day: string) => /^\d{4}-\d{2}-\d{2}$/.test(day)
const frenchDate = (iso: string) => day(iso)
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
    api.resourceAction(action).then((r) => setView(r.data as unknown as BooksView)).catch(() => notice({ message: T.lEtatDeRapprochement, type: 'error' }))
  }, [])
  const show = async () => {
    setBusy(true)
    try {
      setView((await api.resourceAction({ ...action, params: { date } } as never)).data as unknown as BooksView)
    } catch {
      notice({ message: T.lEtatDeRapprochement, type: 'error' })
    } finally {
      setBusy(false)
    }
  }
  const close = async () => {
    if (!window.confirm(T.confirmClosing(frenchDate(closing)))) return
    setBusy(true)
    try {
      const result = (await api.resourceAction({ ...action, ...postCommand({ op: 'cloturer', through: closing }) })).data as unknown as BooksView
      notice({ message: result.message ?? T.termine, type: result.ok ? 'success' : 'error' })
      if (result.ok) setView({ ...(view ?? { canClose: true }), closedThrough: (result as { closedThrough?: string }).closedThrough ?? null })
    } catch {
      notice({ message: T.laClotureAEchoue, type: 'error' })
    } finally {
      setBusy(false)
    }
  }
  const csv = isDay(date) ? `${rootPath()}/api/resources/${TRANSACTIONS}/actions/comptabilite?${new URLSearchParams({ date, format: 'csv' })}` : undefined
  const rows = view?.statement ? statementRows(view.statement, panelLanguage()) : []
  return (
    <>
      <Box variant="card" p="xl" mt="lg" data-testid="statement">
        <H5>{T.etatDeRapprochementBancaire}</H5>
        <Text mb="lg">{T.soldeQontoCreditsExpliques}</Text>
        <FormGroup>
          <Label>{T.to}</Label>
          <Box data-testid="statement-date">
            <DatePicker propertyType="date" {...PICKER} {...PICKER_INPUT} value={toPickerValue(date)} onChange={(value: string | null) => setDate(fromPickerValue(value))} />
          </Box>
        </FormGroup>
        <Button variant="contained" mr="default" disabled={!isDay(date) || busy} onClick={show} data-testid="statement-show">{T.afficher}</Button>
        <Button as="a" href={csv} variant="outlined" disabled={!csv} data-testid="statement-download">{T.telechargerCsv}</Button>
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
        <H5>{T.clotureDePeriode}</H5>
        <Text mb="lg" data-testid="closed-through">
          {view?.closedThrough ? T.closedThrough(frenchDate(view.closedThrough)) : T.aucunePeriodeClose}
        </Text>
        {view?.canClose && (
          <>
            <FormGroup>
              <Label>{T.cloturerJusquAuInclus}</Label>
              <Box data-testid="closing-date">
                <DatePicker propertyType="date" {...PICKER} {...PICKER_INPUT} value={toPickerValue(closing)} onChange={(value: string | null) => setClosing(fromPickerValue(value))} />
              </Box>
            </FormGroup>
            <Button variant="danger" disabled={!isDay(closing) || busy} onClick={close} data-testid="closing-submit">{T.cloturer}</Button>
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
      <Text mb="lg">{T.paiementsRapprochesSurLa}</Text>
      <FormGroup>
        <Label>{T.du}</Label>
        {/* The panel's date picker, writing the day as the extension's screens do (export-form.ts), not the browser's own. */}
        <Box data-testid="export-from">
          <DatePicker propertyType="date" {...PICKER} {...PICKER_INPUT} value={toPickerValue(from)} onChange={(value: string | null) => setFrom(fromPickerValue(value))} />
        </Box>
      </FormGroup>
      <FormGroup>
        <Label>{T.to}</Label>
        <Box data-testid="export-to">
          <DatePicker propertyType="date" {...PICKER} {...PICKER_INPUT} value={toPickerValue(to)} onChange={(value: string | null) => setTo(fromPickerValue(value))} />
        </Box>
      </FormGroup>
      <FormGroup>
        <Label>{T.format}</Label>
        <Box data-testid="export-format">
          <Select
            value={format}
            options={FORMATS}
            placeholder={T.choisirUnFormat}
            onChange={(selected: FormatOption | null) => setFormat(selected ?? null)}
          />
        </Box>
      </FormGroup>
      <Button as="a" href={href} variant="contained" disabled={!href} data-testid="export-download">
        {T.telecharger}
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
