-- learn (issue 22): what confirmations teach about a payer — an alias of a client (its IBAN, its name) and the form it writes invoice numbers in —, with where it was learned, undone by Dissocier, forgotten on demand.
-- CreateEnum
CREATE TYPE "QontoNatureHabitude" AS ENUM ('IBAN', 'NOM', 'REFERENCE');

-- CreateTable
CREATE TABLE "qonto_habitudes_apprises" (
    "id" TEXT NOT NULL,
    "nature" "QontoNatureHabitude" NOT NULL,
    "emetteurIban" TEXT,
    "emetteurCle" TEXT,
    "emetteur" TEXT,
    "clientId" TEXT NOT NULL,
    "client" TEXT,
    "forme" TEXT,
    "exemple" TEXT,
    "transactionId" TEXT NOT NULL,
    "references" TEXT[],
    "parId" TEXT,
    "par" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "annuleLe" TIMESTAMP(3),
    "oublieLe" TIMESTAMP(3),
    "oubliePar" TEXT,

    CONSTRAINT "qonto_habitudes_apprises_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "qonto_habitudes_apprises_emetteurIban_idx" ON "qonto_habitudes_apprises"("emetteurIban");

-- CreateIndex
CREATE INDEX "qonto_habitudes_apprises_emetteurCle_idx" ON "qonto_habitudes_apprises"("emetteurCle");

-- CreateIndex
CREATE INDEX "qonto_habitudes_apprises_transactionId_idx" ON "qonto_habitudes_apprises"("transactionId");

