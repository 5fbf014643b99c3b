import React from 'react'
import { Box, Button, H5, Text } from '@adminjs/design-system'
import { panelTexts } from './i18n/texts.js'

const T = panelTexts().learningPanel

export interface DeclineView { id: string; scope: 'PAIEMENT' | 'PAYEUR'; references: string[]; explanation: string }
export interface PayerLearning { type: 'IBAN' | 'PAYEUR'; label: string; learn: boolean }
type Call = (body: object) => Promise<void>

/** "Ne plus proposer" under one suggestion: for this payment, or for this payer and these invoices. */
export const DeclineButtons: React.FC<{ invoiceIds: string[]; payerKnown: boolean; busy: boolean; run: Call; index: number }> = ({ invoiceIds, payerKnown, busy, run, index }) => (
  <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 8, marginLeft: 8 }}>
    <Button size="sm" variant="text" disabled={busy} data-testid={`decline-payment-${index}`} onClick={() => run({ op: 'decline', scope: 'PAIEMENT', invoiceIds })}>
      {T.nePlusProposer}
    </Button>
    {payerKnown && (
      <Button size="sm" variant="text" disabled={busy} data-testid={`decline-payer-${index}`} onClick={() => run({ op: 'decline', scope: 'PAYEUR', invoiceIds })}>
        {T.nePlusProposerPour} {invoiceIds.length > 1 ? T.cesFactures : T.cetteFacture}
      </Button>
    )}
  </span>
)

/** Declined suggestions (explained, with Rétablir) and the payer's "ne pas apprendre" switch. */
export const LearningPanel: React.FC<{ declined: DeclineView[]; learning: PayerLearning | null; busy: boolean; run: Call }> = ({ declined, learning, busy, run }) => (
  <Box variant="card" p="lg" mb="lg" data-testid="learning-panel">
    {declined.length > 0 && (
      <Box mb="default" data-testid="declined-list">
        <H5>{T.suggestionsEcartees}</H5>
        {declined.map((d) => (
          <div key={d.id} data-testid="declined" style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 8 }}>
            <Text fontWeight="bold">{d.references.join(' + ')}</Text>
            <Text color="grey60">{d.explanation}</Text>
            <Button size="sm" variant="text" disabled={busy} data-testid="restore-declined" onClick={() => run({ op: 'restore', declineId: d.id })}>{T.retablir}</Button>
          </div>
        ))}
      </Box>
    )}
    {learning && (
      <label style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <input type="checkbox" checked={!learning.learn} disabled={busy} data-testid="no-learning" onChange={(e) => void run({ op: 'learning', learn: !e.target.checked })} />
        <Text as="span">{T.nePasApprendreDe}{learning.label}{T.sesRapprochementsConfirmesN}</Text>
      </label>
    )}
  </Box>
)
