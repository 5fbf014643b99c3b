/** How much each signal adds to a suggestion's score (see docs/matching.md §2). */
export const WEIGHTS = {
  referenceFull: 0.55,
  /** The invoice's digits without its prefix, a short number, or digits read from look-alike letters. */
  referencePartial: 0.3,
  referenceShort: 0.35,
  client: { iban: 0.25, name: 0.2, history: 0.15 },
  clientMismatch: -0.15,
  amountExact: 0.3,
  amountShortFees: 0.22,
  amountPartial: 0.08,
  amountOverpaid: 0.1,
  /** A payment larger than an invoice it does not name is rarely for that invoice alone. */
  amountOverpaidUnnamed: 0.02,
  amountOnly: 0.3,
  groupExact: 0.3,
  groupByAmountOnly: 0.2,
  /** The client's oldest open invoices add up to the payment: how debtors usually settle. */
  groupOldestFirst: 0.08,
  /** Several combinations of the payer's invoices fit the amount. */
  groupAmbiguous: -0.1,
  dateBeforeIssue: -0.2,
  /**
   * The invoice's number in the form this payer was learned to write it: more than an abbreviated
   * number guessed among the payer's invoices (0.35), since Maud confirmed that this payer writes so;
   * less than a full number (0.55). Never automatic (auto-apply.ts).
   */
  referenceHabit: 0.45,
} as const

/** Margin by which an auto-applied suggestion must beat the next one. */
export const AUTO_APPLY_MARGIN = 0.05
