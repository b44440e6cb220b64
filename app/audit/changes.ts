type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** "role: Member → Admin" lines for an event's before/after, in the order the fields appear. */
export function describeChanges(before: unknown, after: unknown): { field: string; from: string; to: string }[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.map((field) => ({ field, from: show(b[field]), to: show(a[field]) }));
}

function asRecord(value: unknown): Record<string, Json> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, Json>) : {};
}

function show(value: Json | undefined): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map((v) => show(v)).join(", ");
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
