-- CreateTable
CREATE TABLE "email_outbox" (
    "id" TEXT NOT NULL,
    "cle" TEXT NOT NULL,
    "destinataire" TEXT NOT NULL,
    "sujet" TEXT NOT NULL,
    "texte" TEXT NOT NULL,
    "envoyeLe" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "email_outbox_cle_key" ON "email_outbox"("cle");

-- CreateIndex
CREATE INDEX "email_outbox_envoyeLe_nextAttemptAt_idx" ON "email_outbox"("envoyeLe", "nextAttemptAt");

