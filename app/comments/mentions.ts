/**
 * @mentions in a comment: "@Grace Hopper" names a workspace member by their full name.
 * The text is the whole truth (no hidden ids to forge): the server finds who is mentioned
 * by matching members' names, and the browser highlights them the same way.
 */
export type Mentionable = { id: string; name: string };

export type Segment = { text: string; mention?: Mentionable };

/** The body split into plain text and mentions, longest names first ("@Ada Lovelace" over "@Ada"). */
export function segmentsOf(body: string, members: readonly Mentionable[]): Segment[] {
  const named = [...members].filter((m) => m.name.trim()).sort((a, b) => b.name.length - a.name.length);
  const segments: Segment[] = [];
  let text = "";
  let i = 0;
  while (i < body.length) {
    const before = i === 0 ? "" : body[i - 1]!;
    const found =
      body[i] === "@" && !/[\p{L}\p{N}_]/u.test(before)
        ? named.find((m) => startsWithName(body, i + 1, m.name))
        : undefined;
    if (found) {
      if (text) segments.push({ text });
      text = "";
      segments.push({ text: `@${found.name}`, mention: found });
      i += found.name.length + 1;
    } else {
      text += body[i];
      i++;
    }
  }
  if (text) segments.push({ text });
  return segments;
}

function startsWithName(body: string, at: number, name: string): boolean {
  if (body.slice(at, at + name.length).toLowerCase() !== name.toLowerCase()) return false;
  const after = body[at + name.length];
  return after === undefined || !/[\p{L}\p{N}_]/u.test(after);
}

/** The ids of the members a body mentions, once each. */
export function mentionedIds(body: string, members: readonly Mentionable[]): string[] {
  return [...new Set(segmentsOf(body, members).flatMap((s) => (s.mention ? [s.mention.id] : [])))];
}

/** The "@query" being typed at the caret, if any: what to suggest members for. */
export function mentionQueryAt(body: string, caret: number): { start: number; query: string } | null {
  const upToCaret = body.slice(0, caret);
  const match = /(^|[^\p{L}\p{N}_])@([\p{L}\p{N}_.' -]{0,40})$/u.exec(upToCaret);
  if (!match) return null;
  const query = match[2]!;
  if (/\s{2,}/.test(query)) return null;
  return { start: caret - query.length - 1, query };
}
