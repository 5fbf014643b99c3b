/**
 * Every text the extension's components show, in French and English side by side: the panel picks
 * the host's language (panel-language.ts), French by default. Components hold no text of their own
 * (test/extension/panel-texts.test.ts fails on a French literal outside this folder).
 */
import { panelLanguage, type PanelLanguage } from '../panel-language.js'
import { confidencePercent, confidenceTier } from '../../domain/matching/confidence.js'
import { pick, type Picked } from '../../i18n/both.js'
import { TEXTS } from './catalog.js'

export type PanelTexts = Picked<typeof TEXTS>

const cache = new Map<PanelLanguage, PanelTexts>()
/** The components' texts in the panel's language. */
export function panelTexts(language: PanelLanguage = panelLanguage()): PanelTexts {
  let texts = cache.get(language)
  if (!texts) cache.set(language, (texts = pick(TEXTS, language)))
  return texts
}

/** "probable · 86 %" / "likely · 86 %": the tier's word in the panel's language and its percentage. */
export const confidenceWords = (suggestion: { score: number; autoApply: boolean }): string =>
  `${panelTexts().labels.tiers[confidenceTier(suggestion)]} · ${confidencePercent(suggestion)} %`

/** A text an action sends in its `custom` ({ fr, en }, or one string): the panel's language's. */
export type ActionText = string | { fr: string; en: string }
export const inPanelLanguage = (text: ActionText): string => (typeof text === 'string' ? text : text[panelLanguage()])
