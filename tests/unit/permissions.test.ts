import { describe, expect, it } from "vitest";
import { can } from "~/auth/permissions";

describe("workspace roles", () => {
  it.each([
    ["OWNER", true, true, true],
    ["ADMIN", true, true, true],
    ["MEMBER", true, true, false],
    ["VIEWER", true, false, false],
  ] as const)("%s: read %s, write %s, manage %s", (role, read, write, manage) => {
    expect([can(role, "read"), can(role, "write"), can(role, "manage")]).toEqual([read, write, manage]);
  });
});
