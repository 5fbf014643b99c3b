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
