import { describe, expect, it } from "vitest";
import { importCurl } from "~/requests/curl-import";
import { buildOutgoing, referencedVariables } from "~/requests/outgoing";
import { draftProblems, EMPTY_AUTH, type RequestDraft } from "~/requests/request-draft";
import { applyDelta, diffStorage, diffText, emptyState, stateAt, type TimedDelta } from "~/requests/replay-state";

import { CODE_ALPHABET, CODE_LENGTH, formatCode, generateCode, normalizeCode } from "~/requests/session-code";

describe("session codes", () => {
  it("are 12 characters without look-alikes, about 59 bits", () => {
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
    expect(CODE_LENGTH * Math.log2(CODE_ALPHABET.length)).toBeGreaterThan(59);
    const codes = new Set(Array.from({ length: 2000 }, generateCode));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{12}$`));
  });

  it("accept what people type: any case, spaces and dashes", () => {
    const code = generateCode();
    expect(normalizeCode(formatCode(code).toLowerCase())).toBe(code);
    expect(normalizeCode(` ${code.slice(0, 6)} ${code.slice(6)} `)).toBe(code);
    expect(normalizeCode("O0O0-I1I1-LLLL")).toBeNull();
    expect(normalizeCode("ABC")).toBeNull();
  });
});

describe("cURL import", () => {
  it("reads method, URL, query, headers, body and basic auth", () => {
    const result = importCurl(
      `curl 'https://api.example.com/v1/items?limit=5' \\\n  -X PATCH -H 'Authorization: Bearer {{TOKEN}}' -H "Content-Type: application/json" --data-raw '{"name":"x"}' --compressed -s`,
    );
    expect(result).toMatchObject({
      ok: true,
      ignored: ["--compressed", "-s"],
      draft: {
        method: "PATCH",
        url: "https://api.example.com/v1/items",
        bodyType: "application/json",
        body: '{"name":"x"}',
      },
    });
    if (!result.ok) return;
    expect(result.draft.query.map((q) => [q.name, q.value])).toEqual([["limit", "5"]]);
    expect(result.draft.headers.map((h) => [h.name, h.value])).toEqual([
      ["Authorization", "Bearer {{TOKEN}}"],
      ["Content-Type", "application/json"],
    ]);
  });

  it("knows curl's defaults: POST with data, form encoding, -G, --json, -I, no scheme", () => {
    expect(importCurl("curl -d a=1 -d b=2 example.com/x")).toMatchObject({
      draft: {
        method: "POST",
        url: "http://example.com/x",
        bodyType: "application/x-www-form-urlencoded",
        body: "a=1&b=2",
      },
    });
    const get = importCurl("curl -G https://x.test/s -d q=hello");
    expect(get.ok && get.draft).toMatchObject({ method: "GET", body: "" });
    expect(get.ok && get.draft.query.map((q) => q.value)).toEqual(["hello"]);
    expect(importCurl(`curl --json '{"a":1}' https://x.test`)).toMatchObject({
      draft: { method: "POST", bodyType: "application/json" },
    });
    expect(importCurl("curl -I https://x.test")).toMatchObject({ draft: { method: "HEAD" } });
    expect(importCurl("curl -XDELETE https://x.test/1")).toMatchObject({ draft: { method: "DELETE" } });
    expect(importCurl("curl -u user:pa:ss https://x.test")).toMatchObject({
      draft: { auth: { type: "basic", username: "user", password: "pa:ss" } },
    });
  });

  it.each([
    ["not curl", "wget https://x", /starts with curl/],
    ["an unclosed quote", "curl 'https://x", /unclosed quote/],
    ["no URL", "curl -X GET", /no URL/],
    ["a header without a colon", "curl -H 'nocolon' https://x", /is not a header/],
    ["multipart", "curl -F file=@a.png https://x", /Multipart/],
    ["a body from a file", "curl -d @body.json https://x", /from a file/],
    ["an unknown option", "curl --frobnicate https://x", /not supported/],
    ["two URLs", "curl https://a https://b", /Only one URL/],
    ["an unquoted &", "curl https://x?a=1&b=2", /Put the URL in quotes/],
    ["an unknown method", "curl -X BREW https://x", /not supported/],
    ["a missing value", "curl https://x -H", /needs a value/],
  ])("refuses %s with a reason", (_label, command, message) => {
    const result = importCurl(command);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});

describe("drafts", () => {
  const draft = (overrides: Partial<RequestDraft> = {}): RequestDraft => ({
    method: "GET",
    url: "https://x.test/a",
    query: [],
    headers: [],
    auth: EMPTY_AUTH,
    bodyType: "",
    body: "",
    ...overrides,
  });

  it("explain problems before sending", () => {
    expect(draftProblems(draft())).toEqual([]);
    expect(draftProblems(draft({ url: "{{BASE}}/v1" }))).toEqual([]);
    expect(draftProblems(draft({ url: "ftp://x" }))).toEqual(["Only http:// and https:// URLs can be sent."]);
    expect(draftProblems(draft({ url: "no url" }))[0]).toMatch(/not valid/);
    expect(draftProblems(draft({ headers: [{ id: "1", enabled: true, name: "Bad Name", value: "v" }] }))[0]).toMatch(
      /not a valid header name/,
    );
    expect(draftProblems(draft({ headers: [{ id: "1", enabled: true, name: "X", value: "a\r\nB: c" }] }))[0]).toMatch(
      /line breaks/,
    );
  });

  it("fill variables, query rows and auth into what goes on the wire", () => {
    const d = draft({
      url: "{{BASE}}/v1/items?x=1",
      query: [
        { id: "q", enabled: true, name: "limit", value: "{{N}}" },
        { id: "off", enabled: false, name: "skip", value: "1" },
      ],
      headers: [{ id: "h", enabled: true, name: "X-Env", value: "{{ENV}}" }],
      auth: { ...EMPTY_AUTH, type: "apikey", keyName: "api_key", keyValue: "{{KEY}}", keyIn: "query" },
      method: "POST",
      bodyType: "application/json",
      body: '{"env":"{{ENV}}"}',
    });
    expect(referencedVariables(d).sort()).toEqual(["BASE", "ENV", "KEY", "N"]);
    const out = buildOutgoing(
      d,
      new Map([
        ["BASE", "https://api.test"],
        ["N", "5"],
        ["ENV", "prod"],
        ["KEY", "k-1"],
      ]),
    );
    expect(out.url).toBe("https://api.test/v1/items?x=1&limit=5&api_key=k-1");
    expect(out.headers).toEqual([
      ["X-Env", "prod"],
      ["Content-Type", "application/json"],
    ]);
    expect(out.body).toBe('{"env":"prod"}');
  });
});

describe("recording deltas", () => {
  it("describe the smallest text edit", () => {
    expect(diffText("hello world", "hello brave world")).toEqual(["b", 6, 0, "brave "]);
    expect(diffText("abc", "abc")).toBeNull();
    const before = "aaaa";
    const delta = diffText(before, "aa")!;
    expect(applyDelta({ ...emptyState(), body: before }, delta).body).toBe("aa");
  });

  it("replay any sequence of random edits exactly, from any keyframe", () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    let truth = emptyState();
    const keyframe = truth;
    const timeline: TimedDelta[] = [];
    const states: string[] = [];
    for (let t = 0; t < 400; t++) {
      const next = structuredClone(truth);
      const roll = random();
      if (roll < 0.3) next.request.url = `https://x.test/${Math.floor(random() * 1000)}`;
      else if (roll < 0.5)
        next.chat.push({ id: String(t), authorId: "u", authorName: "U", color: "#000", text: `m${t}`, at: "" });
      else if (roll < 0.7) next.request.headers = [{ id: "h", enabled: random() > 0.5, name: "X", value: String(t) }];
      else {
        const at = Math.floor(random() * (next.body.length + 1));
        next.body =
          next.body.slice(0, at) +
          "xy".repeat(Math.floor(random() * 3)) +
          next.body.slice(at + Math.floor(random() * 2));
      }
      const deltas = [...diffStorage(truth, next), ...[diffText(truth.body, next.body)].filter((d) => d !== null)];
      for (const d of deltas) timeline.push([t, d]);
      truth = next;
      states.push(JSON.stringify(truth));
    }
    for (const t of [0, 57, 199, 399]) expect(JSON.stringify(stateAt(keyframe, timeline, t))).toBe(states[t]);
  });
});
