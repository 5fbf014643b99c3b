/**
 * Every text the extension's components show, in French and English side by side: the panel picks
 * the host's language (panel-language.ts), French by default. Components hold no text of their own
 * (test/extension/panel-texts.test.ts fails on a French literal outside this folder).
 */
import { panelLanguage, type PanelLanguage } from '../panel-language.js'
import { confidencePercent, confidenceTier } from '../../domain/matching/confidence.js'
import type { Both } from './both.js'
import { TEXTS } from './catalog.js'

type Picked<T> = { [K in keyof T]: T[K] extends Both<infer V> ? V : Picked<T[K]> }
export type PanelTexts = Picked<typeof TEXTS>

const isBoth = (value: unknown): value is Both<unknown> =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 2 && 'fr' in value && 'en' in value

function pick(tree: Record<string, unknown>, language: PanelLanguage): Record<string, unknown> {
  return Object.fromEntries(Object.entries(tree).map(([key, value]) => [key, isBoth(value) ? value[language] : pick(value as Record<string, unknown>, language)]))
}

const cache = new Map<PanelLanguage, PanelTexts>()
/** The components' texts in the panel's language. */
export function panelTexts(language: PanelLanguage = panelLanguage()): PanelTexts {
  let texts = cache.get(language)
  if (!texts) cache.set(language, (texts = pick(TEXTS, language) as PanelTexts))
  return texts
}

/** "probable · 86 %" / "likely · 86 %": the tier's word in the panel's language and its percentage. */
export const confidenceWords = (suggestion: { score: number; autoApply: boolean }): string =>
  `${panelTexts().labels.tiers[confidenceTier(suggestion)]} · ${confidencePercent(suggestion)} %`
