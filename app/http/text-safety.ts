/**
 * Text that cannot be stored: PostgreSQL refuses the NUL character in `text` and `jsonb`
 * (a 500 if it gets that far), and a lone UTF-16 surrogate is not text at all (jsonb refuses
 * its escape; elsewhere it silently turns into U+FFFD). Input is checked for both, field by
 * field, before any schema or database sees it; text from outside (a response to a sent
 * request) is made storable instead.
 */
export type TextIssue = { path: (string | number)[]; message: string };

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

export const MAX_NESTING = 64;

export function unsafeTextProblem(text: string): string | null {
  if (text.includes("\u0000")) return "contains a NUL character (\\0), which cannot be stored. Remove it.";
  if (LONE_SURROGATE.test(text))
    return "contains broken Unicode (an unpaired surrogate), which is not text. Remove it or type it again.";
  return null;
}

/**
 * Every string (and object key) in a parsed JSON or form value that cannot be stored,
 * with its path, e.g. `events.3.eventId`. Walks iteratively, so a deeply nested body is
 * reported (at MAX_NESTING) rather than overflowing the stack.
 */
export function unsafeTextIssues(value: unknown, maxIssues = 20): TextIssue[] {
  const issues: TextIssue[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length && issues.length < maxIssues) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === "string") {
      const problem = unsafeTextProblem(current);
      if (problem) issues.push({ path, message: `${describe(path)} ${problem}` });
    } else if (current && typeof current === "object") {
      if (path.length >= MAX_NESTING) {
        issues.push({ path, message: `${describe(path)} is nested more than ${MAX_NESTING} levels deep.` });
        continue;
      }
      const entries: [string | number, unknown][] = Array.isArray(current)
        ? current.map((item, index) => [index, item])
        : Object.entries(current);
      for (const [key, item] of entries) {
        if (typeof key === "string") {
          const problem = unsafeTextProblem(key);
          // Said of the object holding it: no page has a place to show an error under a name it never asked for.
          if (problem) issues.push({ path, message: `A field name ${problem}` });
        }
        stack.push({ value: item, path: [...path, key] });
      }
    }
  }
  return issues.sort((a, b) => a.path.join(".").localeCompare(b.path.join(".")));
}

const describe = (path: (string | number)[]) => (path.length ? path.join(".") : "The value");

/** Text from outside made storable: NUL and lone surrogates become U+FFFD (shown as �). */
export function storableText(text: string): string {
  return text.replace(/\u0000/g, "\uFFFD").replace(LONE_SURROGATES, "\uFFFD");
}
