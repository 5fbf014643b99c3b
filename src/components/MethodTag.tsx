/** A suggestion's method in one word ("Méthode : IBAN"), shown next to its reasons wherever a suggestion is. */
import React from 'react'
import type { MatchMethod } from '../domain/matching/types.js'
import { panelTexts } from './i18n/texts.js'

const T = panelTexts().methodTag
const METHODS = panelTexts().labels.methods

export const MethodTag: React.FC<{ method?: MatchMethod }> = ({ method }) =>
  method ? (
    <span data-testid="method" data-method={method} style={{ whiteSpace: 'nowrap', fontSize: 13, color: '#454655' }}>
      {T.methode} <strong>{METHODS[method]}</strong>
    </span>
  ) : null
