/** The languages the extension ships (the host's language picks one; French by default). */
export type Language = 'fr' | 'en'
