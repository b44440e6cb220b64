import { z } from "zod";
import { prisma } from "~/db/client.server";
import { defineJob } from "~/jobs/define.server";
import { refreshSavings } from "./savings.server";

/** Every day at 04:17 UTC, savings opportunities are worked out again from the latest usage. */
export const savingsTickJob = defineJob({
  name: "intelligence.savings-tick",
  data: z.object({}),
  cron: "17 4 * * *",
  cronData: {},
  retryLimit: 1,
  expireInMinutes: 30,
  run: async (_data, context) => {
    const organizations = await prisma.organization.findMany({
      where: { teams: { some: { subscriptions: { some: {} } } } },
      select: { id: true },
    });
    for (const [i, { id }] of organizations.entries()) {
      context.signal.throwIfAborted();
      context.progress(i, organizations.length, "Looking for savings");
      await refreshSavings(id);
    }
  },
});
