import React from 'react'
import { Box, Button, H5, MessageBox, Text } from '@adminjs/design-system'
import { euros } from './panel-format.js'
import { panelTexts } from './i18n/texts.js'

const T = panelTexts().surplusPanel

export interface SurplusView {
  remainingCents: number
  settles: boolean
  client: { id: string; name: string } | null
  explained: { id: string; treatment: 'AVOIR' | 'REMBOURSEMENT'; amountCents: number; appliedCents: number; label: string } | null
}

/** Every euro explained: the surplus of a payment over the invoices it settles becomes a client credit or a refund. */
export const SurplusPanel: React.FC<{ surplus: SurplusView; duplicateOf: { explanation: string } | null; busy: boolean; run: (body: object) => Promise<void> }> = ({ surplus, duplicateOf, busy, run }) => (
  <>
    {duplicateOf && <MessageBox mb="lg" variant="danger" message={duplicateOf.explanation} data-testid="duplicate-payment" />}
    {surplus.explained && (
      <Box variant="card" p="lg" mb="lg" data-testid="surplus-explained">
        <Text>{surplus.explained.label}{surplus.explained.appliedCents > 0 ? T.appliedLater(euros(surplus.explained.appliedCents)) : ''}.</Text>
      </Box>
    )}
    {!surplus.explained && surplus.settles && surplus.remainingCents > 0 && (
      <Box variant="card" p="lg" mb="lg" data-testid="surplus" style={{ borderLeft: '6px solid #b35c00' }}>
        <H5>{T.excedentDe} {euros(surplus.remainingCents)}</H5>
        <Text mb="default">{T.lesFacturesDeCe}</Text>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {surplus.client && (
            <Button variant="contained" disabled={busy} data-testid="surplus-credit" onClick={() => run({ op: 'surplus', treatment: 'AVOIR' })}>
              {T.avoirPour} {surplus.client.name} {T.proposeSurSesProchaines}
            </Button>
          )}
          <Button variant="outlined" disabled={busy} data-testid="surplus-refund" onClick={() => run({ op: 'surplus', treatment: 'REMBOURSEMENT' })}>
            {T.remboursementAEffectuer}
          </Button>
        </div>
      </Box>
    )}
  </>
)
