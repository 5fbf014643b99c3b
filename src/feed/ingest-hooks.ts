/**
 * What ingest tells the rest of the extension, without knowing who listens: the composition root
 * (src/core.ts) registers the reconciliation side's answers on the context. The feed never imports
 * src/reconcile (test/architecture/feed-imports.test.ts): dependencies run one way.
 */
import type { Tx } from '../context.js'
import type { TransactionRecord } from '../qonto/mapping.js'

/** A credit an active rule explained ("hors facture") at ingest: never auto-reconciled. */
export interface ExplainedCredit {
  transactionId: string
  /** In French, for the admins' notification. */
  explanation: string
}

/** A stored payment the bank just declined or reversed while it was reconciled or explained. */
export interface CancelledPayment {
  transactionId: string
  record: TransactionRecord
  /** What it was when the bank cancelled it: associated with invoices, or explained ("hors facture"). */
  was: 'reconciled' | 'explained'
}

/** What the follow-up of new credits did (automatic reconciliation), or null when nothing ran. */
export interface CreditsFollowUp {
  examined: number
  matched: number
  left: number
}

export interface IngestHooks {
  /** In the ingest transaction: credits settled for the first time (never again): those a rule explains. */
  explainSettledCredits(tx: Tx, transactionIds: string[]): Promise<ExplainedCredit[]>
  /** In the ingest transaction: undo what the cancelled payment carried (audited, admins told). */
  undoCancelledPayment(tx: Tx, payment: CancelledPayment): Promise<void>
  /**
   * After the ingest transaction committed, whatever brought the transactions (sync page or webhook):
   * the credits new or just settled, not explained. The only place automatic reconciliation starts from.
   */
  creditsCommitted(transactionIds: string[]): Promise<CreditsFollowUp | null>
}

/** A context nobody connected: ingest stores, nothing else happens (a feed used on its own). */
export const UNCONNECTED_INGEST_HOOKS: IngestHooks = {
  explainSettledCredits: async () => [],
  undoCancelledPayment: async () => undefined,
  creditsCommitted: async () => null,
}
