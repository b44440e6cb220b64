import { describe, expect, it } from "vitest";
import { SANDBOX_CSP, sandboxDocument } from "~/snippets/sandbox";
import { runLocallySteps } from "~/snippets/run-locally";
import { specAnswer } from "~/ai/spec-answer.server";

describe("the snippet sandbox document", () => {
  it("carries a strict CSP and only talks to its parent with the nonce from its URL fragment", () => {
    const html = sandboxDocument();
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${SANDBOX_CSP}">`);
    expect(SANDBOX_CSP).toContain("default-src 'none'");
    expect(SANDBOX_CSP).toContain("connect-src https:");
    expect(SANDBOX_CSP).not.toContain("'self'");
    expect(html).toContain("location.hash");
    expect(html).toContain("event.data.nonce !== nonce");
    expect(html).toContain("event.source !== parent");
    expect(html).toContain("worker.terminate()");
  });

  it("explains how to run other languages locally", () => {
    expect(runLocallySteps("python")).toContain("python snippet.py");
    expect(runLocallySteps("go")[0]).toBe("Save the code as snippet.go.");
  });

  it("says AI is off instead of explaining", () => {
    expect(specAnswer({ mode: "DEBUG", language: "go", api: null, question: "", envVarName: null })).toContain(
      "AI is off on this server",
    );
  });
});
