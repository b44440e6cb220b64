import { z } from "zod";
import { defineJob } from "~/jobs/define.server";
import { endAbandonedAnswers } from "./threads.server";

/** Every five minutes (once across all servers), end the answers a stopped server left streaming. */
export const abandonedAnswersJob = defineJob({
  name: "ai.end-abandoned-answers",
  data: z.object({}),
  cron: "*/5 * * * *",
  cronData: {},
  retryLimit: 0,
  run: async () => {
    const ended = await endAbandonedAnswers();
    if (ended > 0) console.log(`ai: ended ${ended} answer(s) left streaming by a stopped server`);
  },
});
