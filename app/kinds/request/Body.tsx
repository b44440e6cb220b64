import { useMutation, useOthersMapped, useRoom, useStorage, useUpdateMyPresence } from "@liveblocks/react/suspense";
import { shallow } from "@liveblocks/react";
import { useState } from "react";
import "~/requests/requests.css";
import { ChatSidebar } from "~/requests/ui/ChatSidebar";
import { RecordingsList, SharePanel } from "~/requests/ui/SharePanel";
import type { RoomBodyProps } from "~/rooms/kind";
import { EditorsBadge, useEditing } from "~/rooms/shell/useEditing";
import { HTTP_METHODS } from "~/codegen/http-request";
import { draftProblems, EMPTY_AUTH } from "~/requests/request-draft";
import { orgKeysUsedBy, type OrgKey } from "~/requests/org-keys";
import { AuthEditor } from "~/requests/ui/AuthEditor";
import { ConfirmOrgKeySend } from "~/requests/ui/ConfirmOrgKeySend";
import { BodyEditor } from "~/requests/ui/BodyEditor";
import { readDraft, readEnvironment } from "~/requests/ui/draft-storage";
import { EnvironmentsPanel, type MySecret } from "~/requests/ui/EnvironmentsPanel";
import { HistoryList } from "~/requests/ui/HistoryList";
import { ImportExportPanel } from "~/requests/ui/ImportExportPanel";
import { postJson } from "~/requests/ui/post-json";
import { ResponseView } from "~/requests/ui/ResponseView";
import { RowsTable } from "~/requests/ui/RowsTable";
import { useBodyText } from "~/requests/ui/use-body-text";
import { useChangedByOthers } from "~/requests/ui/use-changed-by-others";
import type { SessionPageData } from "./page.server";

const TABS = ["Params", "Headers", "Auth", "Body", "Environment", "Import / export"] as const;
type Tab = (typeof TABS)[number];

/**
 * A request room: the shared request builder, the response everyone sees, the history
 * of sends, chat, sharing by code and the session's recordings.
 */
export default function RequestRoomBody({ page: session, base }: RoomBodyProps<SessionPageData>) {
  const room = useRoom();
  const { text } = useBodyText();
  const request = useStorage((root) =>
    root.request
      ? {
          method: root.request.method,
          url: root.request.url,
          headers: root.request.headers,
          query: root.request.query,
          bodyType: root.request.bodyType,
        }
      : null,
  );
  const response = useStorage((root) => root.response?.current ?? null);
  const update = useMutation(
    ({ storage }, field: "method" | "url", value: string) => storage.get("request")?.set(field, value),
    [],
  );
  const url = useEditing("request.url");
  const sendingOthers = useOthersMapped((o) => (o.presence.editing === "sending" ? o.info.name : null), shallow)
    .map(([, n]) => n)
    .filter(Boolean);
  const updatePresence = useUpdateMyPresence();
  const [tab, setTab] = useState<Tab>("Params");
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [mySecrets, setMySecrets] = useState<MySecret[]>(session.mySecrets);
  const canWrite = url.canWrite;
  const edits = useChangedByOthers();
  const [confirming, setConfirming] = useState<{ keys: OrgKey[]; method: string; url: string } | null>(null);

  // The storage guard (app/rooms/shell/StorageGuard.tsx) shows a room without a request as damaged.
  if (!request) return null;
  const problems = draftProblems({
    ...request,
    headers: [...request.headers],
    query: [...request.query],
    auth: EMPTY_AUTH,
    body: "",
  });

  async function send(confirmed = false) {
    if (sending) return;
    const { root } = await room.getStorage();
    const draft = readDraft(root, text);
    const environment = readEnvironment(root);
    const orgKeys = draft ? orgKeysUsedBy(draft, environment, mySecrets, session.orgKeys) : [];
    if (!confirmed && orgKeys.length && draft && edits.changedByOthers()) {
      setConfirming({ keys: orgKeys, method: draft.method, url: draft.url });
      return;
    }
    if (confirmed) edits.reviewed();
    setSending(true);
    setSendError(null);
    updatePresence({ editing: "sending" });
    const result = await postJson(`${base}/send`, { draft, environment });
    updatePresence({ editing: null });
    setSending(false);
    if (!result.ok) setSendError(result.error);
  }

  const status = sending ? "Sending…" : sendingOthers.length ? `${sendingOthers.join(", ")} is sending…` : null;
  return (
    <div className="session-layout">
      <div className="session-main">
        <section className="panel" aria-label="Request">
          <div className="request-line">
            <select
              aria-label="Method"
              value={request.method}
              disabled={!canWrite}
              onChange={(e) => update("method", e.target.value)}
            >
              {HTTP_METHODS.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
            <input
              aria-label="URL"
              data-testid="request-url"
              value={request.url}
              readOnly={!canWrite}
              placeholder="https://api.example.com/v1/things?limit=10"
              spellCheck={false}
              onChange={(e) => update("url", e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void send();
              }}
              {...url.focusProps}
            />
            <button
              type="button"
              className="primary"
              data-testid="send-button"
              onClick={() => void send()}
              disabled={!canWrite || sending || problems.length > 0}
              title="Send (Ctrl+Enter)"
            >
              {sending ? "Sending…" : "Send"}
            </button>
          </div>
          <EditorsBadge editors={url.editors} />
          {problems.length && request.url ? (
            <ul className="problems" role="alert" data-testid="request-problems">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
          {confirming ? (
            <ConfirmOrgKeySend
              {...confirming}
              onCancel={() => setConfirming(null)}
              onConfirm={() => {
                setConfirming(null);
                void send(true);
              }}
            />
          ) : null}
          {sendError ? (
            <p className="form-error" role="alert" data-testid="send-error">
              {sendError}
            </p>
          ) : null}
          <div className="tabs" role="tablist" aria-label="Request parts">
            {TABS.map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                id={`tab-${t}`}
                aria-selected={tab === t}
                aria-controls="request-tabpanel"
                onClick={() => setTab(t)}
              >
                {t}
                {t === "Params" && request.query.length ? ` (${request.query.length})` : ""}
                {t === "Headers" && request.headers.length ? ` (${request.headers.length})` : ""}
              </button>
            ))}
          </div>
          <div id="request-tabpanel" role="tabpanel" aria-labelledby={`tab-${tab}`} className="tabpanel">
            {tab === "Params" ? <RowsTable list="query" label="Query parameters" canWrite={canWrite} /> : null}
            {tab === "Headers" ? <RowsTable list="headers" label="Headers" canWrite={canWrite} /> : null}
            {tab === "Auth" ? <AuthEditor canWrite={canWrite} /> : null}
            {tab === "Environment" ? (
              <EnvironmentsPanel canWrite={canWrite} base={base} mySecrets={mySecrets} onSecretsChange={setMySecrets} />
            ) : null}
            {tab === "Import / export" ? (
              <ImportExportPanel base={base} canWrite={canWrite} catalog={session.catalog} />
            ) : null}
            {/* The body editor stays mounted so its collaborative state and undo history survive tab switches. */}
            <div hidden={tab !== "Body"}>
              <BodyEditor canWrite={canWrite} />
            </div>
          </div>
        </section>
        <ResponseView response={response} sending={status} />
        <HistoryList base={base} canWrite={canWrite} />
      </div>
      <div className="session-side">
        <ChatSidebar base={base} canWrite={canWrite} />
        {session.me.canShare ? (
          <SharePanel
            base={base}
            me={session.me}
            initialCodes={session.codes}
            maxParticipants={session.maxParticipants}
          />
        ) : null}
        {!session.me.guest ? <RecordingsList base={base} recordings={session.recordings} /> : null}
      </div>
    </div>
  );
}
