import { prisma } from "~/db/client.server";
import { costUsd, type ModelInfo } from "./model-settings";
import { refundGeneration } from "./quota.server";

/**
 * Closes a generation's record: billed with the tokens the API reported (summed over
 * the attempts it reported usage for, each counted once), or refunded when no attempt
 * got as far as being billed. Only a still-reserved record changes, so finishing twice
 * can never bill twice.
 */
export type ReportedUsage = { inputTokens: number; outputTokens: number };

export async function closeGeneration(input: {
  generationId: string;
  model: ModelInfo;
  billed: boolean;
  usage: ReportedUsage;
  attempts: number;
}): Promise<{ costUsd: number; billed: boolean }> {
  if (!input.billed) {
    await prisma.aiGeneration.update({ where: { id: input.generationId }, data: { attempts: input.attempts } });
    await refundGeneration(input.generationId);
    return { costUsd: 0, billed: false };
  }
  const cost = costUsd(input.model, input.usage);
  await prisma.aiGeneration.updateMany({
    where: { id: input.generationId, status: "RESERVED" },
    data: {
      status: "BILLED",
      inputTokens: input.usage.inputTokens,
      outputTokens: input.usage.outputTokens,
      costUsd: cost.toFixed(8),
      attempts: input.attempts,
      finishedAt: new Date(),
    },
  });
  return { costUsd: cost, billed: true };
}
