-- CreateEnum
CREATE TYPE "SeriesGranularity" AS ENUM ('DAY', 'HOUR');

-- CreateEnum
CREATE TYPE "AnomalyKind" AS ENUM ('SPIKE', 'DROP', 'LEVEL_SHIFT', 'PATTERN_CHANGE', 'DRIFT');

-- CreateEnum
CREATE TYPE "AnomalySeverity" AS ENUM ('WARNING', 'CRITICAL');

-- CreateEnum
CREATE TYPE "AnomalyStatus" AS ENUM ('NEW', 'DISMISSED', 'CONFIRMED');

-- CreateEnum
CREATE TYPE "SavingsKind" AS ENUM ('UNUSED_SUBSCRIPTION', 'OVERPROVISIONED_PLAN', 'CHEAPER_PLAN', 'CHEAPER_ALTERNATIVE', 'CACHING');

-- CreateEnum
CREATE TYPE "SavingsStatus" AS ENUM ('OPEN', 'DISMISSED', 'DONE');

-- CreateEnum
CREATE TYPE "WebhookFormat" AS ENUM ('JSON', 'SLACK');

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'ANOMALY';

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "link" TEXT,
ADD COLUMN     "title" TEXT;

-- AlterTable
ALTER TABLE "UsageEvent" ADD COLUMN     "apiKeyId" TEXT,
ADD COLUMN     "region" TEXT,
ADD COLUMN     "requestFingerprint" TEXT;

-- CreateTable
CREATE TABLE "UsageHourly" (
    "subscriptionId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "operation" TEXT NOT NULL DEFAULT '*',
    "apiKeyId" TEXT NOT NULL DEFAULT '',
    "region" TEXT NOT NULL DEFAULT '',
    "calls" INTEGER NOT NULL DEFAULT 0,
    "units" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(20,8) NOT NULL DEFAULT 0,

    CONSTRAINT "UsageHourly_pkey" PRIMARY KEY ("subscriptionId","hour","operation","apiKeyId","region")
);

-- CreateTable
CREATE TABLE "DetectionState" (
    "organizationId" TEXT NOT NULL,
    "seriesKey" TEXT NOT NULL,
    "granularity" "SeriesGranularity" NOT NULL,
    "lastPeriod" TIMESTAMP(3),
    "state" JSONB,
    "sensitivity" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DetectionState_pkey" PRIMARY KEY ("organizationId","seriesKey","granularity")
);

-- CreateTable
CREATE TABLE "DetectionBacklog" (
    "organizationId" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DetectionBacklog_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "Anomaly" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "seriesKey" TEXT NOT NULL,
    "granularity" "SeriesGranularity" NOT NULL,
    "seriesLabel" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "detector" TEXT NOT NULL DEFAULT 'robust',
    "kind" "AnomalyKind" NOT NULL,
    "severity" "AnomalySeverity" NOT NULL,
    "status" "AnomalyStatus" NOT NULL DEFAULT 'NEW',
    "startedAt" TIMESTAMP(3) NOT NULL,
    "alertAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3) NOT NULL,
    "open" BOOLEAN NOT NULL DEFAULT true,
    "expectedUsd" DECIMAL(20,4) NOT NULL,
    "actualUsd" DECIMAL(20,4) NOT NULL,
    "peakScore" DOUBLE PRECISION NOT NULL,
    "rootCause" JSONB,
    "feedbackById" TEXT,
    "feedbackAt" TIMESTAMP(3),
    "notifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Anomaly_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavingsOpportunity" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "SavingsKind" NOT NULL,
    "subscriptionId" TEXT,
    "title" TEXT NOT NULL,
    "monthlySavingUsd" DECIMAL(14,2) NOT NULL,
    "evidence" JSONB NOT NULL,
    "method" TEXT NOT NULL,
    "status" "SavingsStatus" NOT NULL DEFAULT 'OPEN',
    "statusById" TEXT,
    "statusAt" TIMESTAMP(3),
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavingsOpportunity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "format" "WebhookFormat" NOT NULL DEFAULT 'JSON',
    "events" TEXT[],
    "secretCiphertext" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "responseStatus" INTEGER,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAttemptAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UsageHourly_hour_idx" ON "UsageHourly"("hour");

-- CreateIndex
CREATE INDEX "Anomaly_organizationId_alertAt_idx" ON "Anomaly"("organizationId", "alertAt");

-- CreateIndex
CREATE UNIQUE INDEX "Anomaly_organizationId_seriesKey_granularity_startedAt_key" ON "Anomaly"("organizationId", "seriesKey", "granularity", "startedAt");

-- CreateIndex
CREATE INDEX "SavingsOpportunity_organizationId_status_idx" ON "SavingsOpportunity"("organizationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SavingsOpportunity_organizationId_key_key" ON "SavingsOpportunity"("organizationId", "key");

-- CreateIndex
CREATE INDEX "WebhookEndpoint_organizationId_idx" ON "WebhookEndpoint"("organizationId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_createdAt_idx" ON "WebhookDelivery"("endpointId", "createdAt");

-- AddForeignKey
ALTER TABLE "UsageHourly" ADD CONSTRAINT "UsageHourly_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DetectionState" ADD CONSTRAINT "DetectionState_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DetectionBacklog" ADD CONSTRAINT "DetectionBacklog_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Anomaly" ADD CONSTRAINT "Anomaly_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavingsOpportunity" ADD CONSTRAINT "SavingsOpportunity_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageEvent" ADD CONSTRAINT "UsageEvent_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;
