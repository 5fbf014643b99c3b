/**
 * The panel's language, as the host's AdminJS locale says (window.REDUX_STATE.locale.language):
 * the extension's components speak French on a French host, English on any other.
 */
export type PanelLanguage = 'fr' | 'en'

export function panelLanguage(): PanelLanguage {
  const state = (globalThis as { REDUX_STATE?: { locale?: { language?: string } } }).REDUX_STATE
  const language = state?.locale?.language ?? 'fr'
  return language.toLowerCase().startsWith('fr') ? 'fr' : 'en'
}

/** One text in both languages, picked for the panel. */
export const say = (texts: Record<PanelLanguage, string>): string => texts[panelLanguage()]
