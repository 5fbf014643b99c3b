-- Durable background work (issues 21 and 23).
-- Automatic reconciliation as a step of its own: a credit stored (or settled) by a sync or a webhook is
-- flagged in the same transaction, and evaluated later by a sweep that survives crashes and restarts.
-- Existing rows are left unflagged: an upgrade does not auto-reconcile the history.
ALTER TABLE "transactions_qonto" ADD COLUMN "autoEvalDue" INTEGER;
CREATE INDEX "transactions_qonto_autoEvalDue_idx" ON "transactions_qonto"("autoEvalDue");

-- E-mail outbox: handed to SMTP at most once per row (remisLe), a dead letter (abandonneLe).
ALTER TABLE "qonto_email_outbox" ADD COLUMN "remisLe" TIMESTAMP(3), ADD COLUMN "abandonneLe" TIMESTAMP(3);

-- One process at a time for the automatic reconciliation sweep, renewed while working.
CREATE TABLE "qonto_leases" (
    "id" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "lockedUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "qonto_leases_pkey" PRIMARY KEY ("id")
);
