-- CreateEnum
CREATE TYPE "AiRole" AS ENUM ('USER', 'ASSISTANT');

-- CreateEnum
CREATE TYPE "AiMode" AS ENUM ('GENERATE', 'EXPLAIN', 'DEBUG');

-- CreateEnum
CREATE TYPE "AiMessageStatus" AS ENUM ('STREAMING', 'COMPLETE', 'ERROR');

-- CreateEnum
CREATE TYPE "AiGenerationStatus" AS ENUM ('RESERVED', 'BILLED', 'REFUNDED');

-- CreateEnum
CREATE TYPE "SnippetVisibility" AS ENUM ('PRIVATE', 'PUBLIC');

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "aiModel" TEXT;

-- CreateTable
CREATE TABLE "AiMessage" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "role" "AiRole" NOT NULL,
    "mode" "AiMode" NOT NULL,
    "language" TEXT NOT NULL,
    "apiSlug" TEXT,
    "content" TEXT NOT NULL DEFAULT '',
    "code" TEXT,
    "errorText" TEXT,
    "status" "AiMessageStatus" NOT NULL DEFAULT 'COMPLETE',
    "failure" TEXT,
    "source" TEXT NOT NULL DEFAULT 'claude',
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AiMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AiGeneration" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "messageId" TEXT,
    "day" DATE NOT NULL,
    "model" TEXT NOT NULL,
    "mode" "AiMode" NOT NULL,
    "status" "AiGenerationStatus" NOT NULL DEFAULT 'RESERVED',
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(14,8) NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "AiGeneration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AiQuotaDay" (
    "userId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AiQuotaDay_pkey" PRIMARY KEY ("userId","day")
);

-- CreateTable
CREATE TABLE "Snippet" (
    "id" TEXT NOT NULL,
    "shareId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "createdById" TEXT,
    "title" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "apiSlug" TEXT,
    "code" TEXT NOT NULL,
    "visibility" "SnippetVisibility" NOT NULL DEFAULT 'PRIVATE',
    "forkedFromId" TEXT,
    "forkCount" INTEGER NOT NULL DEFAULT 0,
    "viewCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Snippet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SnippetView" (
    "snippetId" TEXT NOT NULL,
    "viewerKey" TEXT NOT NULL,
    "day" DATE NOT NULL,

    CONSTRAINT "SnippetView_pkey" PRIMARY KEY ("snippetId","viewerKey","day")
);

-- CreateIndex
CREATE INDEX "AiMessage_documentId_createdAt_idx" ON "AiMessage"("documentId", "createdAt");

-- CreateIndex
CREATE INDEX "AiMessage_status_updatedAt_idx" ON "AiMessage"("status", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AiGeneration_messageId_key" ON "AiGeneration"("messageId");

-- CreateIndex
CREATE INDEX "AiGeneration_userId_day_idx" ON "AiGeneration"("userId", "day");

-- CreateIndex
CREATE INDEX "AiGeneration_organizationId_createdAt_idx" ON "AiGeneration"("organizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Snippet_shareId_key" ON "Snippet"("shareId");

-- CreateIndex
CREATE INDEX "Snippet_workspaceId_updatedAt_idx" ON "Snippet"("workspaceId", "updatedAt");

-- CreateIndex
CREATE INDEX "SnippetView_day_idx" ON "SnippetView"("day");

-- AddForeignKey
ALTER TABLE "AiMessage" ADD CONSTRAINT "AiMessage_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AiMessage" ADD CONSTRAINT "AiMessage_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AiGeneration" ADD CONSTRAINT "AiGeneration_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AiGeneration" ADD CONSTRAINT "AiGeneration_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AiGeneration" ADD CONSTRAINT "AiGeneration_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "AiMessage"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AiQuotaDay" ADD CONSTRAINT "AiQuotaDay_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Snippet" ADD CONSTRAINT "Snippet_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Snippet" ADD CONSTRAINT "Snippet_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Snippet" ADD CONSTRAINT "Snippet_forkedFromId_fkey" FOREIGN KEY ("forkedFromId") REFERENCES "Snippet"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SnippetView" ADD CONSTRAINT "SnippetView_snippetId_fkey" FOREIGN KEY ("snippetId") REFERENCES "Snippet"("id") ON DELETE CASCADE ON UPDATE CASCADE;
