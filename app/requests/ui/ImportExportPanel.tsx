import { useMutation, useRoom } from "@liveblocks/react/suspense";
import { useState } from "react";
import { LANGUAGE_IDS, LANGUAGES, type LanguageId } from "~/codegen/languages";
import type { RequestDraft } from "../request-draft";
import { readDraft, readEnvironment, writeDraft } from "./draft-storage";
import { postJson } from "./post-json";
import { useBodyText } from "./use-body-text";

export type CatalogEntry = {
  slug: string;
  name: string;
  operations: { operationId: string; method: string; path: string; summary: string }[];
};
type Imported = { draft: RequestDraft; notes: string[]; operations?: CatalogEntry["operations"] };

/** Import a request (cURL, a catalog API's operation, a pasted OpenAPI spec) and export it as code. */
export function ImportExportPanel({
  base,
  canWrite,
  catalog,
}: {
  base: string;
  canWrite: boolean;
  catalog: CatalogEntry[];
}) {
  const room = useRoom();
  const { text } = useBodyText();
  const [source, setSource] = useState<"curl" | "catalog" | "spec">("curl");
  const [curl, setCurl] = useState("");
  const [spec, setSpec] = useState("");
  const [specOps, setSpecOps] = useState<CatalogEntry["operations"]>([]);
  const [specOp, setSpecOp] = useState("");
  const [api, setApi] = useState(catalog[0]?.slug ?? "");
  const [operation, setOperation] = useState("");
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [language, setLanguage] = useState<LanguageId>("curl");
  const [code, setCode] = useState<string | null>(null);
  const apply = useMutation(({ storage }, draft: RequestDraft) => writeDraft(storage, text, draft), [text]);

  async function runImport() {
    const body =
      source === "curl"
        ? { source, command: curl }
        : source === "catalog"
          ? { source, api, operationId: operation }
          : { source, spec, operationId: specOp || undefined };
    const result = await postJson<Imported>(`${base}/import`, body);
    if (!result.ok) return setMessage({ error: true, text: result.error });
    apply(result.data.draft);
    if (result.data.operations) setSpecOps(result.data.operations);
    setMessage({ error: false, text: ["Imported into the request.", ...result.data.notes].join(" ") });
  }

  async function runExport() {
    const { root } = await room.getStorage();
    const draft = readDraft(root, text);
    if (!draft) return;
    const result = await postJson<{ code: string }>(`${base}/export`, {
      draft,
      language,
      variables: readEnvironment(root)?.variables ?? [],
    });
    if (!result.ok) {
      setCode(null);
      return setMessage({ error: true, text: result.error });
    }
    setMessage(null);
    setCode(result.data.code);
  }

  const operations = catalog.find((c) => c.slug === api)?.operations ?? [];
  return (
    <div className="import-export">
      {canWrite ? (
        <fieldset>
          <legend>Import</legend>
          <div className="tabs small" role="tablist" aria-label="Import from">
            {(["curl", "catalog", "spec"] as const).map((s) => (
              <button
                key={s}
                type="button"
                role="tab"
                aria-selected={source === s}
                onClick={() => setSource(s)}
                disabled={s === "catalog" && catalog.length === 0}
              >
                {s === "curl" ? "cURL" : s === "catalog" ? "Catalog API" : "OpenAPI spec"}
              </button>
            ))}
          </div>
          {source === "curl" ? (
            <label className="stacked">
              cURL command
              <textarea
                aria-label="cURL command"
                rows={4}
                value={curl}
                onChange={(e) => setCurl(e.target.value)}
                placeholder={`curl -X POST https://api.example.com/v1/things -H "Content-Type: application/json" -d '{"name":"x"}'`}
              />
            </label>
          ) : null}
          {source === "catalog" ? (
            <div className="row-fields">
              <label className="auth-field">
                API
                <select
                  aria-label="Catalog API"
                  value={api}
                  onChange={(e) => (setApi(e.target.value), setOperation(""))}
                >
                  {catalog.map((c) => (
                    <option key={c.slug} value={c.slug}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="auth-field">
                Operation
                <select aria-label="Operation" value={operation} onChange={(e) => setOperation(e.target.value)}>
                  <option value="">Choose an operation…</option>
                  {operations.map((o) => (
                    <option key={o.operationId} value={o.operationId}>
                      {o.method} {o.path} · {o.summary}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          ) : null}
          {source === "spec" ? (
            <>
              <label className="stacked">
                OpenAPI 3 document (JSON or YAML)
                <textarea
                  aria-label="OpenAPI spec"
                  rows={6}
                  value={spec}
                  onChange={(e) => (setSpec(e.target.value), setSpecOps([]))}
                  placeholder="openapi: 3.0.3 …"
                />
              </label>
              {specOps.length ? (
                <label className="auth-field">
                  Operation
                  <select aria-label="Spec operation" value={specOp} onChange={(e) => setSpecOp(e.target.value)}>
                    {specOps.map((o) => (
                      <option key={o.operationId} value={o.operationId}>
                        {o.method} {o.path} · {o.summary}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}
            </>
          ) : null}
          <button
            type="button"
            onClick={() => void runImport()}
            disabled={
              (source === "curl" && !curl.trim()) ||
              (source === "catalog" && !operation) ||
              (source === "spec" && !spec.trim())
            }
          >
            Import into this request
          </button>
        </fieldset>
      ) : null}
      <fieldset>
        <legend>Export</legend>
        <div className="row-fields">
          <label className="auth-field">
            Language
            <select
              aria-label="Export language"
              value={language}
              onChange={(e) => setLanguage(e.target.value as LanguageId)}
            >
              {LANGUAGE_IDS.map((id) => (
                <option key={id} value={id}>
                  {LANGUAGES[id].label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void runExport()}>
            Show code
          </button>
          {code ? (
            <button type="button" onClick={() => void navigator.clipboard?.writeText(code)}>
              Copy
            </button>
          ) : null}
        </div>
        <p className="muted hint">
          Shared variables are filled in; secret ones stay as {"{{NAME}}"}, so code never holds anyone's secret.
        </p>
        {code ? (
          <pre className="code-block" data-testid="exported-code">
            <code>{code}</code>
          </pre>
        ) : null}
      </fieldset>
      {message ? (
        <p
          className={message.error ? "form-error" : "notice"}
          role={message.error ? "alert" : "status"}
          data-testid="import-message"
        >
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
