import React from 'react'
import { flat, useTranslation, type BasePropertyProps } from 'adminjs'
import { Box, Text, ValueGroup } from '@adminjs/design-system'
import { formatEuros } from '../domain/money.js'
import { panelTexts } from './i18n/texts.js'

const T = panelTexts().jsonView
const { modes: MODE_LABELS, writeOffs: WRITE_OFF_LABELS } = panelTexts().labels as { modes: Record<string, string>; writeOffs: Record<string, string> }

const LABELS: Record<string, string> = {
  mode: 'Mode',
  score: 'Score',
  methode: T.methode,
  raisons: T.raisonsLabel,
  allocations: T.factures,
  factures: T.factures,
  motif: T.motifLabel,
  montantAlloueCents: T.montantRapproche,
  montantCents: T.montant,
  ecartCents: T.ecart,
  ecarts: T.ecarts,
  writeOffs: T.ecarts,
  etat: T.etat,
  categorie: T.categorie,
  note: T.noteLabel,
  regle: T.regle,
  paiement: T.paiement,
  statut: T.statutLabel,
  qontoId: T.identifiantQonto,
  reference: T.facture,
  compte: T.compteLabel,
  email: 'E-mail',
  emails: 'E-mails',
  destinataire: T.destinataireLabel,
}

const STATUS: Record<string, string> = {
  PAYE: T.payee,
  PARTIELLEMENT_PAYE: T.partiellementPayee,
  ENVOYE: T.enAttenteDePaiement,
  EN_ATTENTE: T.enAttenteDePaiement,
  ANNULE: T.annulee,
  SETTLED: T.execute,
  DECLINED: T.refuseParLaBanque,
  REVERSED: T.annuleParLaBanque,
  PENDING: T.pending,
}

/** Internal ids never shown: the entry names the payment and the invoice by their own fields. */
const HIDDEN = new Set(['factureId', 'transactionId', 'id', 'userId', 'invoiceId', 'regleId'])

const labelOf = (key: string) => LABELS[key] ?? key.charAt(0).toUpperCase() + key.slice(1).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()

/** One value in words: cents as euros, score as %, codes as French. */
function words(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'boolean') return value ? T.oui : T.non
  if (typeof value === 'number') {
    if (/cents$/i.test(key) || key === 'amountCents') return formatEuros(value)
    // The matcher's raw score (0 to 1): the confidence shown on suggestions is placed in its tier's band.
    if (key === 'score') return value.toFixed(2).replace('.', ',')
    return value.toLocaleString('fr-FR')
  }
  if (typeof value === 'string') {
    if (key === 'mode') return MODE_LABELS[value] ?? value
    if (key === 'statut') return STATUS[value] ?? value
    if (key === 'motif') return WRITE_OFF_LABELS[value] ?? value
    return value
  }
  return JSON.stringify(value)
}

/** An allocation, an invoice, a write-off… as one line: "FACT-2026-110 : 1 500,00 € (payée)" ("FACT-2026-110: …" in English). */
function line(item: unknown): string {
  if (typeof item !== 'object' || item === null) return words('', item)
  const entries = Object.entries(item as Record<string, unknown>).filter(([k]) => !HIDDEN.has(k))
  const ref = entries.find(([k]) => k === 'reference')?.[1]
  const rest = entries.filter(([k]) => k !== 'reference').map(([k, v]) => (k === 'statut' || /cents$/i.test(k) ? words(k, v) : `${labelOf(k).toLowerCase()}${T.colon}${words(k, v)}`))
  if (ref) return `${String(ref)}${rest.length ? `${T.colon}${rest.join(', ')}` : ''}`
  return rest.join(', ')
}

const Sentence: React.FC<{ name: string; value: unknown }> = ({ name, value }) => {
  if (Array.isArray(value)) {
    if (value.length === 0) return <Text>{name === 'allocations' || name === 'factures' ? T.aucuneFactureAssociee : T.aucun}</Text>
    const items = value.map((x) => (typeof x === 'object' && x !== null && 'label' in x ? String((x as { label: unknown }).label) : line(x)))
    return <Box as="ul" pl="xl">{items.map((x, i) => <li key={i}>{x}</li>)}</Box>
  }
  if (typeof value === 'object' && value !== null) return <Text>{line(value)}</Text>
  return <Text>{words(name, value)}</Text>
}

/** A JSON column of the audit log (before / after / details) as sentences: amounts in euros, codes in words, every invoice of a split. */
const JsonView: React.FC<BasePropertyProps> = ({ property, record, resource }) => {
  const { translateProperty } = useTranslation()
  const label = translateProperty(property.label, resource.id)
  const value = flat.get(record?.params ?? {}, property.path) as unknown
  if (value === undefined || value === null || (typeof value === 'object' && Object.keys(value as object).length === 0)) {
    return <ValueGroup label={label}><Text color="grey60">—</Text></ValueGroup>
  }
  if (typeof value !== 'object' || Array.isArray(value)) return <ValueGroup label={label}><Sentence name={property.path} value={value} /></ValueGroup>
  const entries = Object.entries(value as Record<string, unknown>).filter(([key]) => !HIDDEN.has(key))
  return (
    <ValueGroup label={label}>
      <Box data-testid={`audit-${property.path}`}>
        {entries.map(([key, item]) => (
          <Box key={key} mb="sm">
            <Text fontWeight="bold">{labelOf(key)}</Text>
            <Sentence name={key} value={item} />
          </Box>
        ))}
      </Box>
    </ValueGroup>
  )
}

export default JsonView
