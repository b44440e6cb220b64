import { describe, expect, it } from "vitest";
import { auditActionLabel, isAuditAction } from "~/audit/actions";
import { describeChanges } from "~/audit/changes";
import { csvLine } from "~/audit/csv";

describe("audit CSV lines", () => {
  it("quotes commas, quotes and line breaks as RFC 4180 does", () => {
    expect(csvLine(["plain", 'say "hi"', "a,b", "two\nlines", null, 3])).toBe(
      'plain,"say ""hi""","a,b","two\nlines",,3\r\n',
    );
  });

  it("keeps spreadsheet formulas as text", () => {
    expect(csvLine(['=HYPERLINK("http://evil.example")', "+1", "-2", "@SUM(A1)", "\tx", "ok=fine"])).toBe(
      `"'=HYPERLINK(""http://evil.example"")",'+1,'-2,'@SUM(A1),'\tx,ok=fine\r\n`,
    );
    // Numbers are numbers, not formulas.
    expect(csvLine([-5])).toBe("-5\r\n");
  });
});

describe("audit changes", () => {
  it("lists every field that appears before or after", () => {
    expect(describeChanges({ role: "MEMBER", teams: [] }, { role: "ADMIN", teams: ["Platform", "Data"] })).toEqual([
      { field: "role", from: "MEMBER", to: "ADMIN" },
      { field: "teams", from: "none", to: "Platform, Data" },
    ]);
    expect(describeChanges(null, { name: "Growth" })).toEqual([{ field: "name", from: "—", to: "Growth" }]);
    expect(describeChanges("garbage", 42)).toEqual([]);
  });
});

describe("audit actions", () => {
  it("knows its actions and labels them", () => {
    expect(isAuditAction("member.removed")).toBe(true);
    expect(isAuditAction("member.teleported")).toBe(false);
    expect(isAuditAction("toString")).toBe(false);
    expect(auditActionLabel("member.removed")).toBe("Removed a member");
    expect(auditActionLabel("something.else")).toBe("something.else");
  });
});
