-- Every Qonto bank account (which ones are reconciled, their FEC account), the webhook subscription the
-- product manages (secrets sealed with the encryption key), the end of each account's last successful
-- sync, and the last delivery found by an index (feed health).
-- AlterTable
ALTER TABLE "qonto_sync_states" ADD COLUMN     "lastSuccessAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "qonto_bank_accounts" (
    "id" TEXT NOT NULL,
    "iban" TEXT,
    "name" TEXT,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "status" TEXT NOT NULL DEFAULT 'active',
    "main" BOOLEAN NOT NULL DEFAULT false,
    "reconcile" BOOLEAN NOT NULL DEFAULT false,
    "fecBankAccount" TEXT,
    "balance" DECIMAL(14,2),
    "lastSeenAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "qonto_bank_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "qonto_webhook_subscriptions" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "types" TEXT[],
    "secret" TEXT NOT NULL,
    "previousSecret" TEXT,
    "previousSecretExpiresAt" TIMESTAMP(3),
    "lastDeliveryAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "qonto_webhook_subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "qonto_webhook_events_receivedAt_idx" ON "qonto_webhook_events"("receivedAt");

