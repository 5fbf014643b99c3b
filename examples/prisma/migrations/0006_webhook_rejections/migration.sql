-- A delivery whose data can never be valid (or that failed too many times) is set aside, not retried.
ALTER TABLE "qonto_webhook_events" ADD COLUMN "rejectedAt" TIMESTAMP(3);
