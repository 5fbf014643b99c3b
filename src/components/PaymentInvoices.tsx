import React from 'react'
import { type BasePropertyProps } from 'adminjs'
import { Box, H5, Link, Text } from '@adminjs/design-system'
import { formatEuros } from '../domain/money.js'
import { rootPath, TRANSACTIONS } from './paths.js'

interface Line { invoiceId: string; reference: string; href: string; client: string | null; amountCents: number; writeOffCents: number; writeOff: string | null; mode: string; by: string | null; at: string }
interface Explanation { invoices: Line[]; ignored: { category: string; note: string | null; rule: string | null; by: string | null; at: string | null } | null }

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }) : '')
const nowrap = { whiteSpace: 'nowrap' as const }

/** On a payment's page: the invoices it paid (links to the host's invoice pages), or why it is explained without one. */
const PaymentInvoices: React.FC<BasePropertyProps> = ({ record }) => {
  const raw = record?.params?.facturesAssociees
  if (!record || typeof raw !== 'string') return null
  const data = JSON.parse(raw) as Explanation | null
  if (!data) return null
  const actions = new Set((record.recordActions ?? []).map((a) => a.name))
  const actionHref = (name: string) => `${rootPath()}/resources/${TRANSACTIONS}/records/${record.id}/${name}`
  return (
    <Box mb="xl" data-testid="payment-invoices">
      <H5>{data.ignored ? 'Expliqué sans facture' : 'Factures réglées par ce paiement'}</H5>
      {data.ignored ? (
        <Box variant="card" p="lg" data-testid="payment-ignored">
          <Text fontWeight="bold">Ignoré (hors facture) : {data.ignored.category}</Text>
          {data.ignored.note && <Text>Note : {data.ignored.note}</Text>}
          <Text>{data.ignored.rule ?? 'Sans règle (ce paiement seulement)'}</Text>
          <Text color="grey60">Par {data.ignored.by ?? 'inconnu'}{data.ignored.at ? `, le ${when(data.ignored.at)}` : ''}</Text>
          {actions.has('retablir') && (
            <Box mt="default"><Link href={actionHref('retablir')} data-testid="payment-restore">Rétablir (remettre à rapprocher)</Link></Box>
          )}
        </Box>
      ) : data.invoices.length === 0 ? (
        <Box>
          <Text color="grey60">Aucune facture associée.</Text>
          <Box mt="default" style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
            {actions.has('associer') && <Link href={actionHref('associer')}>Associer à une facture</Link>}
            {actions.has('ignorer') && <Link href={actionHref('ignorer')}>Ignorer (hors facture)</Link>}
          </Box>
        </Box>
      ) : (
        <Box>
          {data.invoices.map((line) => (
            // One card per invoice (a table breaks names letter by letter at 390 px).
            <Box key={line.invoiceId} py="default" style={{ borderBottom: '1px solid #eee', overflowWrap: 'anywhere' }} data-testid="payment-invoice">
              <Text>
                <Link href={line.href} style={nowrap}>{line.reference}</Link>
                {line.client ? ` · ${line.client}` : ''}
              </Text>
              <Text>
                <span style={nowrap}>{formatEuros(line.amountCents)}</span> affectés · {line.mode}
              </Text>
              {line.writeOff && <Text color="grey60" data-testid="payment-write-off">Écart : {line.writeOff}</Text>}
              <Text color="grey60">Par {line.by ?? 'système'}, le <span style={nowrap}>{when(line.at)}</span></Text>
            </Box>
          ))}
        </Box>
      )}
    </Box>
  )
}

export default PaymentInvoices
