-- DropIndex
DROP INDEX "webhook_events_processedAt_receivedAt_idx";

-- AlterTable
ALTER TABLE "webhook_events" ADD COLUMN     "lockedUntil" TIMESTAMP(3),
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "webhook_events_processedAt_nextAttemptAt_idx" ON "webhook_events"("processedAt", "nextAttemptAt");

