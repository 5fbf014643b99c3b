export { suggestMatches, suggestForPayment, WEIGHTS, type Ledger } from './suggest.js'
export { buildLedgerIndex, isOpenInvoice } from './ledger-index.js'
export { extractReferenceKeys, invoiceKey } from './invoice-references.js'
export * from './types.js'
