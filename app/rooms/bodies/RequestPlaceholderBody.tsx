import { useMutation, useStorage } from "@liveblocks/react/suspense";
import { EditorsBadge, useEditing } from "../shell/useEditing";
import { ScratchpadBody } from "./ScratchpadBody";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** The shared request line; the full request builder replaces this body. */
export function RequestPlaceholderBody() {
  const request = useStorage((root) => root.request ?? null);
  const update = useMutation(({ storage }, field: "method" | "url", value: string) => storage.get("request")?.set(field, value), []);
  const url = useEditing("request.url");
  if (!request) return <p className="form-error">This room has no request yet.</p>;
  return (
    <>
      <section className="panel" aria-label="Request">
        <div className="request-line">
          <select
            aria-label="Method"
            value={request.method}
            disabled={!url.canWrite}
            onChange={(event) => update("method", event.target.value)}
          >
            {METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
          <input
            aria-label="URL"
            data-testid="request-url"
            value={request.url}
            readOnly={!url.canWrite}
            placeholder="https://api.example.com/v1/things"
            onChange={(event) => update("url", event.target.value)}
            {...url.focusProps}
          />
        </div>
        <EditorsBadge editors={url.editors} />
      </section>
      <ScratchpadBody hint="Notes about this request. Sending requests arrives with the request builder." />
    </>
  );
}
