-- The FEC ledger: every entry numbered once per journal and fiscal year and never rewritten (a change
-- is a reversal, contre-passation, and a new entry); the last number per journal and fiscal year; and
-- the closed periods (append-only: no entry is ever dated on or before the latest closing date).
CREATE TABLE "qonto_ecritures" (
    "id" TEXT NOT NULL,
    "journal" TEXT NOT NULL,
    "exercice" INTEGER NOT NULL,
    "numero" INTEGER NOT NULL,
    "nature" TEXT NOT NULL,
    "transactionId" TEXT NOT NULL,
    "jour" TEXT NOT NULL,
    "empreinte" TEXT NOT NULL,
    "lignes" JSONB NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "annuleId" TEXT,
    "motif" TEXT,
    "creeLe" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "qonto_ecritures_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "qonto_sequences_ecritures" (
    "journal" TEXT NOT NULL,
    "exercice" INTEGER NOT NULL,
    "dernier" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "qonto_sequences_ecritures_pkey" PRIMARY KEY ("journal","exercice")
);

CREATE TABLE "qonto_clotures" (
    "id" TEXT NOT NULL,
    "jusquAu" TEXT NOT NULL,
    "parId" TEXT,
    "par" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "qonto_clotures_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "qonto_ecritures_annuleId_key" ON "qonto_ecritures"("annuleId");
CREATE UNIQUE INDEX "qonto_ecritures_journal_exercice_numero_key" ON "qonto_ecritures"("journal", "exercice", "numero");
CREATE INDEX "qonto_ecritures_transactionId_active_idx" ON "qonto_ecritures"("transactionId", "active");
CREATE INDEX "qonto_ecritures_jour_idx" ON "qonto_ecritures"("jour");
CREATE INDEX "qonto_clotures_jusquAu_idx" ON "qonto_clotures"("jusquAu");

-- The reference host's clients carry the accountant's own auxiliary account (mapped as clients.fields.accountingAccount).
ALTER TABLE "marques" ADD COLUMN "compteComptable" TEXT;
