import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { withoutNulBytes } from "~/http/without-nul-bytes.server";

describe("server-rendered pages", () => {
  it("lose the NUL padding React 18.3 can leave at a write buffer's edge, and keep every character", async () => {
    const arrow = Buffer.from("→");
    // The padding as React leaves it, with the arrow's bytes split over two chunks as well.
    const chunks = [
      Buffer.concat([Buffer.from("name: Platform "), Buffer.from([0, 0]), arrow.subarray(0, 1)]),
      Buffer.concat([arrow.subarray(1), Buffer.from(" Platform Core ü 🙂")]),
    ];
    const out = await text(Readable.from(chunks).pipe(withoutNulBytes()));
    expect(out).toBe("name: Platform → Platform Core ü 🙂");
  });
});
