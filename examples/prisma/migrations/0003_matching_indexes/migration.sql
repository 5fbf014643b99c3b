-- Candidate invoices for one payment are found by index, never by scanning every invoice
-- (see src/services/matching-data.service.ts). Expression indexes are not expressible in
-- schema.prisma, hence this hand-written migration.
CREATE INDEX "documents_reference_digits_idx" ON "documents" ((regexp_replace("reference", '[^0-9]', '', 'g')));
CREATE INDEX "documents_reference_alnum_idx" ON "documents" ((lower(regexp_replace("reference", '[^A-Za-z0-9]', '', 'g'))));
CREATE INDEX "documents_open_amount_idx" ON "documents" ((("montantTTC" - "montantPaye")))
  WHERE "type" = 'FACTURE' AND "statut" IN ('ENVOYE', 'EN_ATTENTE', 'PARTIELLEMENT_PAYE');
CREATE INDEX "transactions_unreconciled_idx" ON "transactions_qonto" ("dateTransaction")
  WHERE "sens" = 'CREDIT' AND "statut" = 'SETTLED' AND "associe" = false;
