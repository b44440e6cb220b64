import { z } from "zod";
import { isLanguageId } from "~/codegen/languages";

/** A question to the playground, as the composer posts it. */
export const AskSchema = z
  .object({
    mode: z.enum(["GENERATE", "EXPLAIN", "DEBUG"], { error: "Choose generate, explain or debug." }),
    language: z.string({ error: "Choose a language." }).refine(isLanguageId, "Choose a language from the list."),
    apiSlug: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((v) => v || null),
    prompt: z.string().trim().max(4_000, "Keep the request under 4,000 characters.").default(""),
    code: z
      .string()
      .max(20_000, "Paste at most 20,000 characters of code.")
      .optional()
      .transform((v) => (v?.trim() ? v : null)),
    errorText: z
      .string()
      .max(8_000, "Paste at most 8,000 characters of the error.")
      .optional()
      .transform((v) => (v?.trim() ? v : null)),
  })
  .superRefine((value, ctx) => {
    if (value.mode === "GENERATE" && !value.prompt)
      ctx.addIssue({ code: "custom", path: ["prompt"], message: "Describe the code you want." });
    if (value.mode !== "GENERATE" && !value.code)
      ctx.addIssue({ code: "custom", path: ["code"], message: "Paste the code." });
    if (value.mode === "DEBUG" && !value.errorText)
      ctx.addIssue({ code: "custom", path: ["errorText"], message: "Paste the error you get." });
  });

export type AskInput = z.infer<typeof AskSchema>;
