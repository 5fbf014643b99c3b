-- The reconciliation became an installable extension (qonto-reconcile.prisma): its own tables take
-- a qonto_ prefix and its enums a Qonto prefix so they cannot collide with a host's, its links to
-- users are plain text (the host's users stay the host's), and invoices are reached as "factureId".
-- Renames, not drop + create: the agency's reconciliations, audit trail and outboxes are kept.

ALTER TYPE "StatutTransaction" RENAME TO "QontoStatutTransaction";
ALTER TYPE "Sens" RENAME TO "QontoSens";
ALTER TYPE "ModeAllocation" RENAME TO "QontoModeAllocation";

-- transactions_qonto: documentId → factureId
ALTER TABLE "transactions_qonto" RENAME COLUMN "documentId" TO "factureId";
ALTER INDEX "transactions_qonto_documentId_idx" RENAME TO "transactions_qonto_factureId_idx";
ALTER TABLE "transactions_qonto" RENAME CONSTRAINT "transactions_qonto_documentId_fkey" TO "transactions_qonto_factureId_fkey";

-- allocations → qonto_allocations; the author is kept as text (id and e-mail), without a foreign key
ALTER TABLE "allocations" RENAME TO "qonto_allocations";
ALTER TABLE "qonto_allocations" RENAME CONSTRAINT "allocations_pkey" TO "qonto_allocations_pkey";
ALTER TABLE "qonto_allocations" RENAME COLUMN "documentId" TO "factureId";
ALTER TABLE "qonto_allocations" DROP CONSTRAINT "allocations_creeParId_fkey";
ALTER TABLE "qonto_allocations" ADD COLUMN "creePar" TEXT;
UPDATE "qonto_allocations" a SET "creePar" = u."email" FROM "users" u WHERE u."id" = a."creeParId";
ALTER TABLE "qonto_allocations" RENAME CONSTRAINT "allocations_transactionId_fkey" TO "qonto_allocations_transactionId_fkey";
ALTER TABLE "qonto_allocations" RENAME CONSTRAINT "allocations_documentId_fkey" TO "qonto_allocations_factureId_fkey";
ALTER TABLE "qonto_allocations" RENAME CONSTRAINT "allocations_montant_check" TO "qonto_allocations_montant_check";
ALTER INDEX "allocations_documentId_idx" RENAME TO "qonto_allocations_factureId_idx";
ALTER INDEX "allocations_createdAt_idx" RENAME TO "qonto_allocations_createdAt_idx";
ALTER INDEX "allocations_transactionId_documentId_key" RENAME TO "qonto_allocations_transactionId_factureId_key";

-- audit_logs → qonto_audit_logs
ALTER TABLE "audit_logs" RENAME TO "qonto_audit_logs";
ALTER TABLE "qonto_audit_logs" RENAME CONSTRAINT "audit_logs_pkey" TO "qonto_audit_logs_pkey";
ALTER TABLE "qonto_audit_logs" DROP CONSTRAINT "audit_logs_userId_fkey";
ALTER TABLE "qonto_audit_logs" RENAME COLUMN "documentId" TO "factureId";
ALTER INDEX "audit_logs_date_idx" RENAME TO "qonto_audit_logs_date_idx";
ALTER INDEX "audit_logs_action_date_idx" RENAME TO "qonto_audit_logs_action_date_idx";
ALTER INDEX "audit_logs_transactionId_idx" RENAME TO "qonto_audit_logs_transactionId_idx";
ALTER INDEX "audit_logs_documentId_idx" RENAME TO "qonto_audit_logs_factureId_idx";

-- sync_states → qonto_sync_states, with a lease so one sync runs at a time without advisory locks
ALTER TABLE "sync_states" RENAME TO "qonto_sync_states";
ALTER TABLE "qonto_sync_states" RENAME CONSTRAINT "sync_states_pkey" TO "qonto_sync_states_pkey";
ALTER TABLE "qonto_sync_states" ADD COLUMN "lockedUntil" TIMESTAMP(3);

ALTER TABLE "webhook_events" RENAME TO "qonto_webhook_events";
ALTER TABLE "qonto_webhook_events" RENAME CONSTRAINT "webhook_events_pkey" TO "qonto_webhook_events_pkey";
ALTER INDEX "webhook_events_processedAt_nextAttemptAt_idx" RENAME TO "qonto_webhook_events_processedAt_nextAttemptAt_idx";

ALTER TABLE "email_outbox" RENAME TO "qonto_email_outbox";
ALTER TABLE "qonto_email_outbox" RENAME CONSTRAINT "email_outbox_pkey" TO "qonto_email_outbox_pkey";
ALTER INDEX "email_outbox_cle_key" RENAME TO "qonto_email_outbox_cle_key";
ALTER INDEX "email_outbox_envoyeLe_nextAttemptAt_idx" RENAME TO "qonto_email_outbox_envoyeLe_nextAttemptAt_idx";

-- Notifications the extension has already handed to the host (once per key).
CREATE TABLE "qonto_notification_keys" (
    "cle" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "qonto_notification_keys_pkey" PRIMARY KEY ("cle")
);
INSERT INTO "qonto_notification_keys" ("cle") SELECT DISTINCT "cle" FROM "notifications" WHERE "cle" IS NOT NULL;
