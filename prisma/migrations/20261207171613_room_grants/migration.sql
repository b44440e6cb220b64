-- CreateTable
CREATE TABLE "RoomGrant" (
    "roomId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoomGrant_pkey" PRIMARY KEY ("roomId","userId")
);

-- CreateIndex
CREATE INDEX "RoomGrant_userId_issuedAt_idx" ON "RoomGrant"("userId", "issuedAt");
