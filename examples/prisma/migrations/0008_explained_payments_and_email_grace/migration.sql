-- Issue 12: payments explained without an invoice (category, rules), write-offs on allocations,
-- client e-mails that wait a grace period and can be cancelled by an undo.
-- CreateEnum
CREATE TYPE "QontoCategorieIgnore" AS ENUM ('REMBOURSEMENT', 'VIREMENT_INTERNE', 'APPORT', 'SUBVENTION', 'FRAIS_COMMISSION', 'AUTRE');

-- CreateEnum
CREATE TYPE "QontoTypeRegle" AS ENUM ('IBAN', 'PAYEUR');

-- CreateEnum
CREATE TYPE "QontoMotifEcart" AS ENUM ('FRAIS_BANCAIRES', 'ARRONDI', 'AUTRE');

-- AlterTable
ALTER TABLE "transactions_qonto" ADD COLUMN     "ignoreCategorie" "QontoCategorieIgnore",
ADD COLUMN     "ignoreLe" TIMESTAMP(3),
ADD COLUMN     "ignoreNote" TEXT,
ADD COLUMN     "ignorePar" TEXT,
ADD COLUMN     "regleId" TEXT;

-- AlterTable
ALTER TABLE "qonto_allocations" ADD COLUMN     "ecart" DECIMAL(14,2) NOT NULL DEFAULT 0,
ADD COLUMN     "ecartCompte" TEXT,
ADD COLUMN     "ecartMotif" "QontoMotifEcart";

-- AlterTable
ALTER TABLE "qonto_email_outbox" ADD COLUMN     "annuleLe" TIMESTAMP(3),
ADD COLUMN     "annulePar" TEXT,
ADD COLUMN     "transactionId" TEXT;

-- CreateTable
CREATE TABLE "qonto_regles" (
    "id" TEXT NOT NULL,
    "type" "QontoTypeRegle" NOT NULL,
    "valeur" TEXT NOT NULL,
    "libelle" TEXT NOT NULL,
    "categorie" "QontoCategorieIgnore" NOT NULL,
    "note" TEXT,
    "actif" BOOLEAN NOT NULL DEFAULT true,
    "creeParId" TEXT,
    "creePar" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "qonto_regles_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "qonto_regles_type_valeur_key" ON "qonto_regles"("type", "valeur");

-- CreateIndex
CREATE INDEX "transactions_qonto_ignoreCategorie_idx" ON "transactions_qonto"("ignoreCategorie");

-- CreateIndex
CREATE INDEX "transactions_qonto_regleId_idx" ON "transactions_qonto"("regleId");

-- CreateIndex
CREATE INDEX "qonto_email_outbox_transactionId_idx" ON "qonto_email_outbox"("transactionId");

-- AddForeignKey
ALTER TABLE "transactions_qonto" ADD CONSTRAINT "transactions_qonto_regleId_fkey" FOREIGN KEY ("regleId") REFERENCES "qonto_regles"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- A write-off closes a difference, it never adds money.
ALTER TABLE "qonto_allocations" ADD CONSTRAINT "qonto_allocations_ecart_positive" CHECK ("ecart" >= 0);

-- E-mails queued before this migration: their payment is the last part of the key invoice-paid:<invoice>:<transaction>.
UPDATE "qonto_email_outbox" SET "transactionId" = split_part("cle", ':', 3) WHERE "cle" LIKE 'invoice-paid:%' AND "transactionId" IS NULL;
