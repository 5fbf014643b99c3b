-- The work queue at 100,000 payments (issue 20): its first page with each payment's best suggestion
-- was matched at read time (0.8 s, 2 s on a loaded machine). The best suggestion is kept with the
-- payment, with when it was computed; the queue reads it back, checks it still holds and recomputes
-- only what changed (src/reconcile/best-suggestion.service.ts).
ALTER TABLE "transactions_qonto" ADD COLUMN "meilleureSuggestion" JSONB;
ALTER TABLE "transactions_qonto" ADD COLUMN "meilleureSuggestionLe" TIMESTAMP(3);

-- "À rapprocher", oldest first: the queue's WHERE and ORDER BY exactly (0003's partial index lacks the
-- ignored category and the id tie-break, so the first page sorted every waiting payment).
CREATE INDEX "transactions_qonto_a_rapprocher_idx" ON "transactions_qonto" ("dateTransaction", id)
  WHERE "sens" = 'CREDIT' AND "statut" = 'SETTLED' AND "associe" = false AND "ignoreCategorie" IS NULL;
