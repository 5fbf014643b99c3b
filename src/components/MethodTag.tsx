/** A suggestion's method in one word ("Méthode : IBAN"), shown next to its reasons wherever a suggestion is. */
import React from 'react'
import { MATCH_METHOD_LABELS } from '../domain/matching/method-labels.js'
import type { MatchMethod } from '../domain/matching/types.js'

export const MethodTag: React.FC<{ method?: MatchMethod }> = ({ method }) =>
  method ? (
    <span data-testid="method" data-method={method} style={{ whiteSpace: 'nowrap', fontSize: 13, color: '#454655' }}>
      Méthode : <strong>{MATCH_METHOD_LABELS[method]}</strong>
    </span>
  ) : null
