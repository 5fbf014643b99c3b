export { suggestEach, suggestMatches, suggestForPayment, matchEach, matchPayments, matchPayment, WEIGHTS, type Ledger } from './suggest.js'
export { explainResult, explainSuggestion, explainReasons, reasonLabel, notSureText, methodWord, REASON_TEXTS, NOT_SURE_TEXTS, METHOD_TEXTS, TIER_TEXTS, CONFIRMATION_TEXTS, LEARNING_TEXTS, confidenceTextIn } from './reason-texts.js'
export { buildLedgerIndex, isOpenInvoice, type LedgerIndex } from './ledger-index.js'
export {
  extractReferenceKeys,
  extractMentions,
  invoiceKey,
  parseInvoiceNumber,
  DEFAULT_INVOICE_PREFIXES,
  type Mention,
  type Carrier,
  type OtherDocument,
  type ReferenceKeys,
} from './invoice-references.js'
export { resolveClient, type ClientResolution } from './client-resolution.js'
export { matchMethod } from './method.js'
export { MATCH_METHOD_LABELS } from './method-labels.js'
export { foldText, foldWords, foldName, nameWords } from '../text/fold.js'
export { businessDay, dayRangeToInstants, DEFAULT_TIME_ZONE } from '../dates.js'
export * from './types.js'
export { confidenceTier, confidencePercent, confidenceText, acceptsOneClick, CONFIDENCE_BANDS, CONFIDENCE_LABELS, PROBABLE_FROM_SCORE, type ConfidenceTier } from './confidence.js'
export { creditorReference, creditorReferenceBody, formatCreditorReference, isValidCreditorReference, findCreditorReferences, RF_MAX_BODY_LENGTH, type FoundCreditorReference } from './creditor-reference.js'
