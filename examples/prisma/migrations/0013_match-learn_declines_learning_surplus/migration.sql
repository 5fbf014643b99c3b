-- match-learn (issue 22): declined suggestions ("ne plus proposer", reversible), the per-payer "ne pas apprendre" switch, and payments' surpluses explained as a client credit (avoir) or a refund.
-- CreateEnum
CREATE TYPE "QontoPorteeRefus" AS ENUM ('PAIEMENT', 'PAYEUR');

-- CreateEnum
CREATE TYPE "QontoTraitementExcedent" AS ENUM ('AVOIR', 'REMBOURSEMENT');

-- CreateTable
CREATE TABLE "qonto_suggestions_ecartees" (
    "id" TEXT NOT NULL,
    "portee" "QontoPorteeRefus" NOT NULL,
    "transactionId" TEXT NOT NULL,
    "factureIds" TEXT[],
    "references" TEXT[],
    "emetteurIban" TEXT,
    "emetteurCle" TEXT,
    "emetteur" TEXT,
    "parId" TEXT,
    "par" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "annuleLe" TIMESTAMP(3),
    "annulePar" TEXT,

    CONSTRAINT "qonto_suggestions_ecartees_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "qonto_apprentissage_payeurs" (
    "id" TEXT NOT NULL,
    "type" "QontoTypeRegle" NOT NULL,
    "valeur" TEXT NOT NULL,
    "libelle" TEXT NOT NULL,
    "apprendre" BOOLEAN NOT NULL DEFAULT true,
    "parId" TEXT,
    "par" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "qonto_apprentissage_payeurs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "qonto_excedents" (
    "id" TEXT NOT NULL,
    "transactionId" TEXT NOT NULL,
    "montant" DECIMAL(14,2) NOT NULL,
    "traitement" "QontoTraitementExcedent" NOT NULL,
    "clientId" TEXT,
    "client" TEXT,
    "montantImpute" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "note" TEXT,
    "parId" TEXT,
    "par" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "annuleLe" TIMESTAMP(3),
    "annulePar" TEXT,

    CONSTRAINT "qonto_excedents_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "qonto_suggestions_ecartees_transactionId_idx" ON "qonto_suggestions_ecartees"("transactionId");

-- CreateIndex
CREATE INDEX "qonto_suggestions_ecartees_emetteurIban_idx" ON "qonto_suggestions_ecartees"("emetteurIban");

-- CreateIndex
CREATE INDEX "qonto_suggestions_ecartees_emetteurCle_idx" ON "qonto_suggestions_ecartees"("emetteurCle");

-- CreateIndex
CREATE UNIQUE INDEX "qonto_apprentissage_payeurs_type_valeur_key" ON "qonto_apprentissage_payeurs"("type", "valeur");

-- CreateIndex
CREATE INDEX "qonto_excedents_transactionId_idx" ON "qonto_excedents"("transactionId");

-- CreateIndex
CREATE INDEX "qonto_excedents_clientId_idx" ON "qonto_excedents"("clientId");

