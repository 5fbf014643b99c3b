import React from 'react'
import { type BasePropertyProps } from 'adminjs'
import { Box, H5, Link, Text } from '@adminjs/design-system'
import { dateTime, euros } from './panel-format.js'
import { rootPath, TRANSACTIONS } from './paths.js'
import { panelTexts } from './i18n/texts.js'

const T = panelTexts().paymentInvoices

interface Line { invoiceId: string; reference: string; href: string; client: string | null; amountCents: number; writeOffCents: number; writeOff: string | null; mode: string; by: string | null; at: string }
interface Explanation { invoices: Line[]; ignored: { category: string; note: string | null; rule: string | null; by: string | null; at: string | null } | null }

const when = (iso: string | null) => (iso ? dateTime(iso) : '')
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
      <H5>{data.ignored ? T.expliqueSansFacture : T.facturesRegleesParCe}</H5>
      {data.ignored ? (
        <Box variant="card" p="lg" data-testid="payment-ignored">
          <Text fontWeight="bold">{T.ignoreHorsFacture} {data.ignored.category}</Text>
          {data.ignored.note && <Text>{T.note} {data.ignored.note}</Text>}
          <Text>{data.ignored.rule ?? T.sansRegleCePaiement}</Text>
          <Text color="grey60">{T.par} {data.ignored.by ?? T.unknown}{data.ignored.at ? T.onDay(when(data.ignored.at)) : ''}</Text>
          {actions.has('retablir') && (
            <Box mt="default"><Link href={actionHref('retablir')} data-testid="payment-restore">{T.retablirRemettreARapprocher}</Link></Box>
          )}
        </Box>
      ) : data.invoices.length === 0 ? (
        <Box>
          <Text color="grey60">{T.aucuneFactureAssociee}</Text>
          <Box mt="default" style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
            {actions.has('associer') && <Link href={actionHref('associer')}>{T.associerAUneFacture}</Link>}
            {actions.has('ignorer') && <Link href={actionHref('ignorer')}>{T.ignorerHorsFacture}</Link>}
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
                <span style={nowrap}>{euros(line.amountCents)}</span> {T.affectes} {line.mode}
              </Text>
              {line.writeOff && <Text color="grey60" data-testid="payment-write-off">{T.ecart} {line.writeOff}</Text>}
              <Text color="grey60">{T.par} {line.by ?? T.systeme}{T.le} <span style={nowrap}>{when(line.at)}</span></Text>
            </Box>
          ))}
        </Box>
      )}
    </Box>
  )
}

export default PaymentInvoices
