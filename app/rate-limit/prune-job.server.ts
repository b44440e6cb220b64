import { z } from "zod";
import { defineJob } from "~/jobs/define.server";
import { pruneRateLimitBuckets } from "./rate-limit.server";

/** Once a day (once across all servers), drop the counters of windows that ended two days ago or more. */
export const pruneRateLimitBucketsJob = defineJob({
  name: "rate-limit.prune-buckets",
  data: z.object({}),
  cron: "23 3 * * *",
  cronData: {},
  retryLimit: 1,
  run: async () => {
    const removed = await pruneRateLimitBuckets();
    if (removed > 0) console.log(`rate-limit: pruned ${removed} expired counter(s)`);
  },
});
