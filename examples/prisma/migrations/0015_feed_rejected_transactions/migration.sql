-- feed (issue 23, item 4): a malformed transaction in a Qonto sync page is set aside with its reason; the rest of the page is stored.
-- CreateTable
CREATE TABLE "qonto_rejected_transactions" (
    "id" TEXT NOT NULL,
    "qontoId" TEXT,
    "bankAccountId" TEXT,
    "qontoUpdatedAt" TEXT,
    "reason" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "qonto_rejected_transactions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "qonto_rejected_transactions_firstSeenAt_idx" ON "qonto_rejected_transactions"("firstSeenAt");
