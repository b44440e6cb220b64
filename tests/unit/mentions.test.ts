import { describe, expect, it } from "vitest";
import { mentionedIds, mentionQueryAt, segmentsOf } from "~/comments/mentions";

const members = [
  { id: "ada", name: "Ada Lovelace" },
  { id: "ada2", name: "Ada" },
  { id: "grace", name: "Grace Hopper" },
];

describe("mentions", () => {
  it("finds members by their full name, longest first", () => {
    expect(mentionedIds("@Ada Lovelace and @Grace Hopper, see this", members)).toEqual(["ada", "grace"]);
    expect(mentionedIds("thanks @Ada!", members)).toEqual(["ada2"]);
  });

  it("ignores e-mail addresses, partial names and unknown people", () => {
    expect(mentionedIds("mail ada@Ada Lovelace.com or @Grace alone, @Nobody", members)).toEqual([]);
    expect(mentionedIds("@Grace Hoppers", members)).toEqual([]);
  });

  it("is case-insensitive and mentions each person once", () => {
    expect(mentionedIds("@grace hopper @Grace Hopper", members)).toEqual(["grace"]);
  });

  it("splits a body into text and mentions for display", () => {
    expect(segmentsOf("Hi @Grace Hopper!", members)).toEqual([
      { text: "Hi " },
      { text: "@Grace Hopper", mention: members[2] },
      { text: "!" },
    ]);
  });

  it("knows what is being typed after an @", () => {
    expect(mentionQueryAt("Is this ok @Gra", 15)).toEqual({ start: 11, query: "Gra" });
    expect(mentionQueryAt("Is this ok @Grace Ho", 20)).toEqual({ start: 11, query: "Grace Ho" });
    expect(mentionQueryAt("mail ada@exa", 12)).toBeNull();
    expect(mentionQueryAt("no mention", 10)).toBeNull();
  });
});
