import type { Language } from './language.js'

/** A fraction with two decimals, as a language writes it: French « 0,82 », English "0.82". */
export const decimalIn = (language: Language, value: number): string => (language === 'en' ? value.toFixed(2) : value.toFixed(2).replace('.', ','))
