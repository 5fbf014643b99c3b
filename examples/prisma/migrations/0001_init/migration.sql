-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'LECTEUR');

-- CreateEnum
CREATE TYPE "TypeDocument" AS ENUM ('FACTURE', 'AVOIR', 'DEVIS');

-- CreateEnum
CREATE TYPE "StatutDocument" AS ENUM ('BROUILLON', 'ENVOYE', 'EN_ATTENTE', 'PARTIELLEMENT_PAYE', 'PAYE', 'ANNULE');

-- CreateEnum
CREATE TYPE "StatutTransaction" AS ENUM ('PENDING', 'SETTLED', 'DECLINED', 'REVERSED');

-- CreateEnum
CREATE TYPE "Sens" AS ENUM ('CREDIT', 'DEBIT');

-- CreateEnum
CREATE TYPE "ModeAllocation" AS ENUM ('MANUEL', 'SUGGESTION', 'AUTOMATIQUE');

-- CreateTable
CREATE TABLE "marques" (
    "id" TEXT NOT NULL,
    "nom" TEXT NOT NULL,
    "emailContact" TEXT,
    "ibans" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "marques_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "documents" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "type" "TypeDocument" NOT NULL DEFAULT 'FACTURE',
    "montantTTC" DECIMAL(14,2) NOT NULL,
    "montantPaye" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "devise" TEXT NOT NULL DEFAULT 'EUR',
    "statut" "StatutDocument" NOT NULL DEFAULT 'BROUILLON',
    "dateEmission" DATE NOT NULL,
    "dateEcheance" DATE,
    "datePaiement" TIMESTAMP(3),
    "marqueId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transactions_qonto" (
    "id" TEXT NOT NULL,
    "qontoId" TEXT NOT NULL,
    "montant" DECIMAL(14,2) NOT NULL,
    "montantAlloue" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "devise" TEXT NOT NULL DEFAULT 'EUR',
    "libelle" TEXT,
    "reference" TEXT,
    "dateTransaction" TIMESTAMP(3) NOT NULL,
    "emetteur" TEXT,
    "emetteurIban" TEXT,
    "emetteurBic" TEXT,
    "statut" "StatutTransaction" NOT NULL DEFAULT 'PENDING',
    "sens" "Sens" NOT NULL DEFAULT 'CREDIT',
    "typeOperation" TEXT NOT NULL DEFAULT 'income',
    "note" TEXT,
    "compteBancaireId" TEXT,
    "qontoUpdatedAt" TIMESTAMP(3) NOT NULL,
    "associe" BOOLEAN NOT NULL DEFAULT false,
    "aVerifier" BOOLEAN NOT NULL DEFAULT false,
    "documentId" TEXT,
    "metadata" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "transactions_qonto_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "allocations" (
    "id" TEXT NOT NULL,
    "transactionId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "montant" DECIMAL(14,2) NOT NULL,
    "mode" "ModeAllocation" NOT NULL DEFAULT 'MANUEL',
    "score" DOUBLE PRECISION,
    "raisons" JSONB,
    "creeParId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "allocations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "nom" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'LECTEUR',
    "actif" BOOLEAN NOT NULL DEFAULT true,
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "titre" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "lien" TEXT,
    "lu" BOOLEAN NOT NULL DEFAULT false,
    "date" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cle" TEXT,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_logs" (
    "id" TEXT NOT NULL,
    "date" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" TEXT,
    "acteur" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "transactionId" TEXT,
    "documentId" TEXT,
    "automatique" BOOLEAN NOT NULL DEFAULT false,
    "avant" JSONB,
    "apres" JSONB,
    "details" JSONB,

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "sid" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_states" (
    "id" TEXT NOT NULL,
    "cursor" TIMESTAMP(3),
    "lastRunAt" TIMESTAMP(3),
    "lastError" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sync_states_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_events" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "marques_nom_idx" ON "marques"("nom");

-- CreateIndex
CREATE UNIQUE INDEX "documents_reference_key" ON "documents"("reference");

-- CreateIndex
CREATE INDEX "documents_statut_type_idx" ON "documents"("statut", "type");

-- CreateIndex
CREATE INDEX "documents_marqueId_statut_idx" ON "documents"("marqueId", "statut");

-- CreateIndex
CREATE INDEX "documents_montantTTC_idx" ON "documents"("montantTTC");

-- CreateIndex
CREATE INDEX "documents_dateEcheance_idx" ON "documents"("dateEcheance");

-- CreateIndex
CREATE UNIQUE INDEX "transactions_qonto_qontoId_key" ON "transactions_qonto"("qontoId");

-- CreateIndex
CREATE INDEX "transactions_qonto_documentId_idx" ON "transactions_qonto"("documentId");

-- CreateIndex
CREATE INDEX "transactions_qonto_associe_sens_statut_dateTransaction_idx" ON "transactions_qonto"("associe", "sens", "statut", "dateTransaction");

-- CreateIndex
CREATE INDEX "transactions_qonto_dateTransaction_idx" ON "transactions_qonto"("dateTransaction");

-- CreateIndex
CREATE INDEX "transactions_qonto_emetteurIban_idx" ON "transactions_qonto"("emetteurIban");

-- CreateIndex
CREATE INDEX "transactions_qonto_qontoUpdatedAt_idx" ON "transactions_qonto"("qontoUpdatedAt");

-- CreateIndex
CREATE INDEX "allocations_documentId_idx" ON "allocations"("documentId");

-- CreateIndex
CREATE INDEX "allocations_createdAt_idx" ON "allocations"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "allocations_transactionId_documentId_key" ON "allocations"("transactionId", "documentId");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "notifications_userId_lu_date_idx" ON "notifications"("userId", "lu", "date");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_userId_cle_key" ON "notifications"("userId", "cle");

-- CreateIndex
CREATE INDEX "audit_logs_date_idx" ON "audit_logs"("date");

-- CreateIndex
CREATE INDEX "audit_logs_action_date_idx" ON "audit_logs"("action", "date");

-- CreateIndex
CREATE INDEX "audit_logs_transactionId_idx" ON "audit_logs"("transactionId");

-- CreateIndex
CREATE INDEX "audit_logs_documentId_idx" ON "audit_logs"("documentId");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_sid_key" ON "sessions"("sid");

-- CreateIndex
CREATE INDEX "sessions_expiresAt_idx" ON "sessions"("expiresAt");

-- CreateIndex
CREATE INDEX "webhook_events_processedAt_receivedAt_idx" ON "webhook_events"("processedAt", "receivedAt");

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_marqueId_fkey" FOREIGN KEY ("marqueId") REFERENCES "marques"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transactions_qonto" ADD CONSTRAINT "transactions_qonto_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "documents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_transactionId_fkey" FOREIGN KEY ("transactionId") REFERENCES "transactions_qonto"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_creeParId_fkey" FOREIGN KEY ("creeParId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Money invariants the application relies on, enforced by the database too.
ALTER TABLE "documents" ADD CONSTRAINT "documents_montants_check"
  CHECK ("montantTTC" >= 0 AND "montantPaye" >= 0 AND "montantPaye" <= "montantTTC");
ALTER TABLE "transactions_qonto" ADD CONSTRAINT "transactions_montants_check"
  CHECK ("montant" >= 0 AND "montantAlloue" >= 0 AND "montantAlloue" <= "montant");
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_montant_check" CHECK ("montant" > 0);
