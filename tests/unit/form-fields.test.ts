import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseForm, plainText, stripUnstorable } from "~/http/validation.server";

const form = (pairs: [string, string][]) =>
  new Request("http://app.test/", {
    method: "POST",
    body: new URLSearchParams(pairs),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });

describe("form fields", () => {
  it("keeps every value of a field sent more than once (checkboxes), and a lone value as it is", async () => {
    const schema = z.object({ name: z.string(), teamIds: z.union([z.string(), z.array(z.string())]) });
    expect(
      await parseForm(
        form([
          ["name", "x"],
          ["teamIds", "a"],
          ["teamIds", "b"],
          ["teamIds", "c"],
        ]),
        schema,
      ),
    ).toEqual({
      ok: true,
      data: { name: "x", teamIds: ["a", "b", "c"] },
    });
    expect(
      await parseForm(
        form([
          ["name", "x"],
          ["teamIds", "a"],
        ]),
        schema,
      ),
    ).toEqual({
      ok: true,
      data: { name: "x", teamIds: "a" },
    });
  });

  it("takes plain text trimmed, and refuses blanks, long text and unstorable characters with their own messages", () => {
    const name = plainText({ required: "Give it a name.", max: 5 });
    expect(name.parse("  Acme ")).toBe("Acme");
    expect(name.safeParse("   ").error?.issues[0]?.message).toBe("Give it a name.");
    expect(name.safeParse(42).error?.issues[0]?.message).toBe("Give it a name.");
    expect(name.safeParse("toolong").error?.issues[0]?.message).toBe("Use at most 5 characters.");
    expect(name.safeParse("a\u0000b").error?.issues[0]?.message).toBe(
      "Remove the invisible control characters from this text.",
    );
    expect(name.safeParse("a\ud800b").error?.issues[0]?.message).toBe(
      "Remove the invisible control characters from this text.",
    );
    expect(name.parse("😀")).toBe("😀"); // a real pair of surrogates is fine
    expect(stripUnstorable("a\u0000b\udc00c😀")).toBe("abc😀");
  });
});
