import { useEffect, useRef, useState } from "react";
import { SANDBOX_LIMITS, SANDBOX_PATH, type SandboxMessage } from "./sandbox";

/**
 * Runs JavaScript or TypeScript in the sandbox frame and shows its console. TypeScript
 * is compiled in the browser by Sucrase (types stripped, nothing else changed), loaded
 * only when someone presses Run.
 */
type Line = { level: string; text: string };

async function toJavaScript(code: string, language: string): Promise<string> {
  if (language !== "typescript") return code;
  const { transform } = await import("sucrase");
  return transform(code, { transforms: ["typescript"], disableESTransforms: true }).code;
}

export function SandboxRunner({ code, language }: { code: string; language: string }) {
  const [run, setRun] = useState<{ nonce: string; source: string } | null>(null);
  const [lines, setLines] = useState<Line[]>([]);
  const [status, setStatus] = useState<"idle" | "running" | "done" | "stopped">("idle");
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    if (!run) return;
    const limit = setTimeout(() => {
      setStatus((s) => (s === "running" ? "stopped" : s));
      setRun(null); // removes the frame, and with it the worker
    }, SANDBOX_LIMITS.timeLimitMs + 500);
    function onMessage(event: MessageEvent) {
      if (!run || event.source !== frame.current?.contentWindow) return;
      const data = event.data as SandboxMessage | { nonce: string; type: "ready" };
      if (!data || data.nonce !== run.nonce) return;
      if (data.type === "ready") frame.current?.contentWindow?.postMessage({ nonce: run.nonce, code: run.source }, "*");
      else if (data.type === "console")
        setLines((l) => (l.length >= SANDBOX_LIMITS.maxLines ? l : [...l, { level: data.level, text: data.text }]));
      else if (data.type === "error") setLines((l) => [...l, { level: "error", text: data.text }]);
      else if (data.type === "done") {
        setStatus("done");
        setLines((l) => [...l, { level: "meta", text: `Finished in ${data.ms} ms.` }]);
      }
    }
    window.addEventListener("message", onMessage);
    return () => {
      clearTimeout(limit);
      window.removeEventListener("message", onMessage);
    };
  }, [run]);

  async function start() {
    setLines([]);
    try {
      const source = await toJavaScript(code, language);
      const nonce = crypto.randomUUID();
      setStatus("running");
      setRun({ nonce, source });
    } catch (error) {
      setStatus("done");
      setLines([
        { level: "error", text: `Could not compile: ${error instanceof Error ? error.message : String(error)}` },
      ]);
    }
  }

  return (
    <div className="sandbox">
      <div className="sandbox-bar">
        <button type="button" onClick={start} disabled={status === "running"}>
          {status === "running" ? "Running…" : "▶ Run"}
        </button>
        <span className="muted">
          Runs in an isolated sandbox with no access to this app, for at most {SANDBOX_LIMITS.timeLimitMs / 1000} s.
          Environment variables are empty there.
        </span>
      </div>
      {run ? (
        <iframe
          ref={frame}
          key={run.nonce}
          title="Sandbox"
          className="sandbox-frame"
          sandbox="allow-scripts"
          src={`${SANDBOX_PATH}#${encodeURIComponent(run.nonce)}`}
          data-testid="sandbox-frame"
        />
      ) : null}
      {status !== "idle" ? (
        <pre
          className="sandbox-console"
          aria-label="Console output"
          aria-live="polite"
          data-testid="sandbox-console"
          data-status={status}
        >
          {lines.length === 0 && status === "running" ? <span className="muted">Waiting for output…</span> : null}
          {lines.map((line, i) => (
            <div key={i} className={`console-${line.level}`}>
              {line.text}
            </div>
          ))}
          {status === "stopped" ? (
            <div className="console-error">
              Stopped: the {SANDBOX_LIMITS.timeLimitMs / 1000} s time limit was reached.
            </div>
          ) : null}
        </pre>
      ) : null}
    </div>
  );
}
