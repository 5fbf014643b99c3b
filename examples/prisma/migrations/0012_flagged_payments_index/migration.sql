-- "À vérifier" (payments the bank declined or reversed after their association) is counted on every
-- dashboard load and is a state of the work queue: rare rows, found by index instead of a full scan
-- (35 ms at 100,000 transactions on PostgreSQL without it).
CREATE INDEX "transactions_qonto_aVerifier_idx" ON "transactions_qonto"("aVerifier");
