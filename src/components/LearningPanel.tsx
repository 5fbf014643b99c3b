import React from 'react'
import { Box, Button, H5, Text } from '@adminjs/design-system'
import { panelTexts } from './i18n/texts.js'

const T = panelTexts().learningPanel

export interface DeclineView { id: string; scope: 'PAIEMENT' | 'PAYEUR'; references: string[]; explanation: string }
export interface PayerLearning { type: 'IBAN' | 'PAYEUR'; label: string; learn: boolean }
/** An alias or reference form a confirmation taught, with where it came from (learned-habits.service.ts). */
export interface LearnedView { id: string; nature: 'IBAN' | 'NOM' | 'REFERENCE'; what: string; client: string; explanation: string }

const LEARNED_TITLE = { IBAN: T.ibanDe, NOM: T.nomDe, REFERENCE: T.formeDe } as const
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
export const LearningPanel: React.FC<{ declined: DeclineView[]; learning: PayerLearning | null; learned: LearnedView[]; busy: boolean; run: Call }> = ({ declined, learning, learned, busy, run }) => (
  <Box variant="card" p="lg" mb="lg" data-testid="learning-panel">
    {learned.length > 0 && (
      <Box mb="default" data-testid="learned-list">
        <H5>{T.appris}</H5>
        {learned.map((item) => (
          <div key={item.id} data-testid="learned" style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 8 }}>
            <Text>{LEARNED_TITLE[item.nature](item.client)}</Text>
            <Text fontWeight="bold">{item.what}</Text>
            <Text color="grey60">{item.explanation}</Text>
            <Button size="sm" variant="text" disabled={busy} data-testid="forget-learned" onClick={() => run({ op: 'forget', learnedId: item.id })}>{T.oublier}</Button>
          </div>
        ))}
      </Box>
    )}
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
