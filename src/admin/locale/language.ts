/** The languages the extension ships; any other host language gets the English texts. */
export type Language = 'fr' | 'en'

/** Set once from the host's AdminJS locale (index.ts `locale()`), read where texts are built on the server. */
export interface LanguageRef {
  current: Language
}

export const languageOf = (code: string | undefined): Language => (code === undefined || code.toLowerCase().startsWith('fr') ? 'fr' : 'en')
