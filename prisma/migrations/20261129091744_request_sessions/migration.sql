-- CreateEnum
CREATE TYPE "SendOutcome" AS ENUM ('OK', 'REFUSED', 'FAILED');

-- CreateTable
CREATE TABLE "SessionCode" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "SessionCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionGuest" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "codeId" TEXT NOT NULL,
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SessionGuest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionSeat" (
    "roomId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SessionSeat_pkey" PRIMARY KEY ("roomId","userId")
);

-- CreateTable
CREATE TABLE "SessionSecret" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "last4" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SessionSecret_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SentRequest" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "sentById" TEXT,
    "sentByName" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "request" JSONB NOT NULL,
    "outcome" "SendOutcome" NOT NULL,
    "status" INTEGER,
    "statusText" TEXT,
    "error" TEXT,
    "responseHeaders" JSONB,
    "responseBody" TEXT,
    "bodyTruncated" BOOLEAN NOT NULL DEFAULT false,
    "contentType" TEXT,
    "durationMs" INTEGER NOT NULL,
    "sizeBytes" INTEGER NOT NULL DEFAULT 0,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SentRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatMessage" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "authorId" TEXT,
    "authorName" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Recording" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "eventCount" INTEGER NOT NULL DEFAULT 0,
    "byteSize" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Recording_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecordingSegment" (
    "recordingId" TEXT NOT NULL,
    "startMs" INTEGER NOT NULL,
    "endMs" INTEGER NOT NULL,
    "eventCount" INTEGER NOT NULL,
    "keyframe" BYTEA NOT NULL,
    "deltas" BYTEA NOT NULL,

    CONSTRAINT "RecordingSegment_pkey" PRIMARY KEY ("recordingId","startMs")
);

-- CreateIndex
CREATE UNIQUE INDEX "SessionCode_codeHash_key" ON "SessionCode"("codeHash");

-- CreateIndex
CREATE INDEX "SessionCode_documentId_idx" ON "SessionCode"("documentId");

-- CreateIndex
CREATE INDEX "SessionGuest_userId_idx" ON "SessionGuest"("userId");

-- CreateIndex
CREATE INDEX "SessionGuest_codeId_idx" ON "SessionGuest"("codeId");

-- CreateIndex
CREATE UNIQUE INDEX "SessionGuest_documentId_userId_key" ON "SessionGuest"("documentId", "userId");

-- CreateIndex
CREATE INDEX "SessionSecret_documentId_idx" ON "SessionSecret"("documentId");

-- CreateIndex
CREATE UNIQUE INDEX "SessionSecret_userId_documentId_environmentId_name_key" ON "SessionSecret"("userId", "documentId", "environmentId", "name");

-- CreateIndex
CREATE INDEX "SentRequest_documentId_sentAt_idx" ON "SentRequest"("documentId", "sentAt");

-- CreateIndex
CREATE INDEX "ChatMessage_documentId_createdAt_idx" ON "ChatMessage"("documentId", "createdAt");

-- CreateIndex
CREATE INDEX "Recording_documentId_startedAt_idx" ON "Recording"("documentId", "startedAt");

-- CreateIndex
CREATE INDEX "Recording_endedAt_idx" ON "Recording"("endedAt");

-- AddForeignKey
ALTER TABLE "SessionCode" ADD CONSTRAINT "SessionCode_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionCode" ADD CONSTRAINT "SessionCode_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionGuest" ADD CONSTRAINT "SessionGuest_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionGuest" ADD CONSTRAINT "SessionGuest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionGuest" ADD CONSTRAINT "SessionGuest_codeId_fkey" FOREIGN KEY ("codeId") REFERENCES "SessionCode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionSecret" ADD CONSTRAINT "SessionSecret_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionSecret" ADD CONSTRAINT "SessionSecret_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SentRequest" ADD CONSTRAINT "SentRequest_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SentRequest" ADD CONSTRAINT "SentRequest_sentById_fkey" FOREIGN KEY ("sentById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatMessage" ADD CONSTRAINT "ChatMessage_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatMessage" ADD CONSTRAINT "ChatMessage_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recording" ADD CONSTRAINT "Recording_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordingSegment" ADD CONSTRAINT "RecordingSegment_recordingId_fkey" FOREIGN KEY ("recordingId") REFERENCES "Recording"("id") ON DELETE CASCADE ON UPDATE CASCADE;
