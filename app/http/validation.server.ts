import { z } from "zod";
import { unsafeTextIssues } from "./text-safety";

/**
 * Parses form fields with a zod schema. Failures come back as one readable message
 * per field, ready to show next to the field (never a thrown stack trace).
 */
export type FieldErrors = Record<string, string>;

export type Parsed<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

/**
 * Errors for fields a page has no place for (a forged or missing intent, a mangled body) are
 * said under `form`, which every form shows at its foot: a refusal never comes without a message.
 */
export function withStrayErrorsAsForm(fieldErrors: FieldErrors, fieldsWithAPlace: readonly string[]): FieldErrors {
  if (fieldErrors.form) return fieldErrors;
  const stray = Object.entries(fieldErrors).find(([field]) => !fieldsWithAPlace.includes(field));
  return stray ? { ...fieldErrors, form: stray[1] } : fieldErrors;
}

export function parseFields<S extends z.ZodType>(
  schema: S,
  input: unknown,
  { checkText = true }: { checkText?: boolean } = {},
): Parsed<z.infer<S>> {
  // Text that cannot be stored (NUL, lone surrogates) is refused field by field first.
  // Batch envelopes whose items are checked one by one (usage events) pass checkText: false.
  if (checkText) {
    const issues = unsafeTextIssues(input);
    if (issues.length) {
      const fieldErrors: FieldErrors = {};
      for (const issue of issues) fieldErrors[issue.path.length ? issue.path.join(".") : "form"] ??= issue.message;
      return { ok: false, fieldErrors };
    }
  }
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length ? issue.path.join(".") : "form";
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}

export async function parseForm<S extends z.ZodType>(request: Request, schema: S): Promise<Parsed<z.infer<S>>> {
  const form = await readForm(request);
  if (!form.ok) return { ok: false, fieldErrors: { form: form.message } };
  return parseFields(schema, { ...form.values, ...form.lists });
}

/** A form's fields (the last value of a repeated one), or why it could not be read (not a form). */
export async function readForm(
  request: Request,
): Promise<
  | { ok: true; values: Record<string, FormDataEntryValue>; lists: Record<string, FormDataEntryValue[]> }
  | { ok: false; message: string }
> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { ok: false, message: "The form could not be read. Reload the page and try again." };
  }
  const values: Record<string, FormDataEntryValue> = {};
  // A field sent more than once (checkboxes of one name) is also kept whole, as a list.
  const lists: Record<string, FormDataEntryValue[]> = {};
  for (const [key, value] of form) {
    if (key in values) lists[key] = [...(lists[key] ?? [values[key]!]), value];
    values[key] = value;
  }
  return { ok: true, values, lists };
}

/** Reads a JSON body no larger than `maxBytes`, or explains what is wrong with it. */
export async function readJson(
  request: Request,
  maxBytes = 100_000,
): Promise<{ ok: true; value: unknown } | { ok: false; status: number; message: string }> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes)
    return { ok: false, status: 413, message: `The request body is larger than ${maxBytes} bytes.` };
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes)
    return { ok: false, status: 413, message: `The request body is larger than ${maxBytes} bytes.` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, status: 400, message: "The request body is not valid JSON." };
  }
}

export const Email = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address, like ada@example.com." }));

/** NUL and lone surrogates: PostgreSQL text cannot hold the first, JSON not the second. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The text without the characters PostgreSQL cannot store, for text that is not a person's input. */
export const stripUnstorable = (text: string) => text.replace(new RegExp(UNSTORABLE.source, "g"), "");

/**
 * A short text a person typed (a name, a title): trimmed, required, at most `max` characters,
 * and free of what PostgreSQL cannot store (NUL, lone surrogates), each with its own message.
 */
export function plainText({ required, max }: { required: string; max: number }) {
  return z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(max, `Use at most ${max} characters.`)
    .refine((v) => !UNSTORABLE.test(v), "Remove the invisible control characters from this text.");
}
