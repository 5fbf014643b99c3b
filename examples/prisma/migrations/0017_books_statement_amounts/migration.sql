-- The statement adds up what each entry books on the bank and in write-offs, and as what, from
-- columns instead of reading every entry's lines (100,000 payments within the statement's budget).
-- Entries already made are filled from their stored lines; a reversal takes its entry's heading.
ALTER TABLE "qonto_ecritures" ADD COLUMN "banque" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "qonto_ecritures" ADD COLUMN "ecart" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "qonto_ecritures" ADD COLUMN "rubrique" TEXT NOT NULL DEFAULT 'REGLEMENT';

UPDATE "qonto_ecritures" e SET
  "banque" = CASE WHEN t.devise = 'EUR' THEN (e.lignes->0->>'debit')::bigint - (e.lignes->0->>'credit')::bigint
    ELSE sign((e.lignes->0->>'debit')::bigint - (e.lignes->0->>'credit')::bigint) * COALESCE((e.lignes->0->'foreign'->>'cents')::bigint, 0) END,
  "ecart" = (SELECT COALESCE(sum((l->>'debit')::bigint - (l->>'credit')::bigint), 0) FROM jsonb_array_elements(e.lignes) l WHERE l->>'accountLabel' = 'Écart de règlement')
FROM "transactions_qonto" t WHERE t.id = e."transactionId";
UPDATE "qonto_ecritures" SET "rubrique" = nature WHERE nature <> 'CONTREPASSATION';
UPDATE "qonto_ecritures" r SET "rubrique" = o.nature FROM "qonto_ecritures" o WHERE o.id = r."annuleId";

ALTER TABLE "qonto_ecritures" ALTER COLUMN "banque" DROP DEFAULT;
ALTER TABLE "qonto_ecritures" ALTER COLUMN "rubrique" DROP DEFAULT;
