import { z } from "zod";
import { isLanguageId } from "~/codegen/languages";

export const SaveSnippetSchema = z.object({
  title: z
    .string({ error: "Give the snippet a title." })
    .trim()
    .min(1, "Give the snippet a title.")
    .max(120, "Use at most 120 characters."),
  language: z.string({ error: "Choose a language." }).refine(isLanguageId, "Choose a language from the list."),
  apiSlug: z
    .string()
    .trim()
    .max(100)
    .optional()
    .nullable()
    .transform((v) => v || null),
  code: z
    .string({ error: "There is no code to save." })
    .min(1, "There is no code to save.")
    .max(100_000, "Snippets hold at most 100,000 characters."),
});

export const VisibilitySchema = z.object({
  intent: z.literal("visibility"),
  visibility: z.enum(["PRIVATE", "PUBLIC"], { error: "Choose private or public." }),
});

export const ForkSchema = z.object({
  intent: z.literal("fork"),
  workspaceId: z.string({ error: "Choose a workspace to fork into." }).uuid("Choose a workspace to fork into."),
});

export const DeleteSchema = z.object({ intent: z.literal("delete") });

/** A share id is 22 base64url characters (128 random bits); anything else is not one. */
export const ShareId = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
