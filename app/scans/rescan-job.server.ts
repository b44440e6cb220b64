import { z } from "zod";
import { defineJob } from "~/jobs/define.server";
import { startDueRescans } from "./scans.server";

/** Every ten minutes (once across all servers, by pg-boss's cron), start the rescans that are due. */
export const rescanTickJob = defineJob({
  name: "scans.rescan-tick",
  data: z.object({}),
  cron: "*/10 * * * *",
  cronData: {},
  retryLimit: 0,
  run: async () => {
    await startDueRescans(new Date());
  },
});
