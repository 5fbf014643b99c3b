import type { Language } from './admin/locale/language.js'
import { errorText, type ErrorArgs, type ErrorCode } from './i18n/error-texts.js'

/**
 * A mistake in the options a host passes to the extension, caught at start: one message naming the
 * option and what would be valid, in French then English (the developer reading it may speak
 * either; `french` and `english` hold each alone).
 */
export class ReconciliationConfigError extends Error {
  override name = 'ReconciliationConfigError'
  readonly french: string
  readonly english: string
  constructor(french: string, english: string) {
    super(`${french}\n${english}`)
    this.french = french
    this.english = english
  }
}

/**
 * A use-case's refusal (Associer over what is left, an ignored payment, a closed period…): nothing
 * was changed. It carries a code and the raw values; `in(language)` is its text for the reader (the
 * panel's language, the CLI's), `message` the French one (logs, French hosts). The catalog
 * (src/i18n/error-texts.ts) holds every code in French and English.
 */
export class ReconciliationError extends Error {
  override name = 'ReconciliationError'
  readonly code: ErrorCode
  readonly params: readonly unknown[]
  constructor(...[code, ...params]: ErrorArgs) {
    super(errorText('fr', code, params))
    this.code = code
    this.params = params
  }

  /** The refusal in the reader's language. */
  in(language: Language): string {
    return errorText(language, this.code, this.params)
  }
}
