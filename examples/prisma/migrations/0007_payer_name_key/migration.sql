-- The payer's name key (folded, sorted words), written at ingest: the panel looks up payer history
-- by it exactly as the batch does. Existing rows are filled by the extension at start (backfill).
ALTER TABLE "transactions_qonto" ADD COLUMN "emetteurCle" TEXT;
CREATE INDEX "transactions_qonto_emetteurCle_idx" ON "transactions_qonto"("emetteurCle");
