-- The bank reconciliation statement at 100,000 payments: Qonto's balance at a date is read backwards
-- along (account, date) until a movement carries one, and what the entries dated up to that day book
-- per payment comes from a covering index instead of the entries' stored lines.
CREATE INDEX "transactions_qonto_compteBancaireId_dateTransaction_idx" ON "transactions_qonto"("compteBancaireId", "dateTransaction");
CREATE INDEX "qonto_ecritures_transactionId_jour_rubrique_banque_ecart_idx" ON "qonto_ecritures"("transactionId", "jour", "rubrique", "banque", "ecart");
