import { useMutation, useStorage } from "@liveblocks/react/suspense";
import { EMPTY_AUTH, type Auth } from "../request-draft";

/** Auth helpers; values usually name a secret variable, so each person sends with their own. */
export function AuthEditor({ canWrite }: { canWrite: boolean }) {
  const auth = useStorage((root) => root.request?.auth ?? EMPTY_AUTH);
  const set = useMutation(
    ({ storage }, field: keyof Auth, value: string) =>
      storage
        .get("request")
        ?.get("auth")
        .set(field, value as never),
    [],
  );
  const input = (field: keyof Auth, label: string, placeholder: string) => (
    <label className="auth-field">
      {label}
      <input
        value={auth[field]}
        readOnly={!canWrite}
        placeholder={placeholder}
        onChange={(e) => set(field, e.target.value)}
      />
    </label>
  );
  return (
    <div className="auth-editor">
      <label className="auth-field">
        Type
        <select
          aria-label="Auth type"
          value={auth.type}
          disabled={!canWrite}
          onChange={(e) => set("type", e.target.value)}
        >
          <option value="none">No auth</option>
          <option value="bearer">Bearer token</option>
          <option value="basic">Basic (user and password)</option>
          <option value="apikey">API key</option>
        </select>
      </label>
      {auth.type === "bearer" ? input("token", "Token", "{{API_TOKEN}}") : null}
      {auth.type === "basic" ? (
        <>
          {input("username", "User name", "{{USERNAME}}")}
          {input("password", "Password", "{{PASSWORD}}")}
        </>
      ) : null}
      {auth.type === "apikey" ? (
        <>
          {input("keyName", "Key name", "X-API-Key")}
          {input("keyValue", "Key value", "{{API_KEY}}")}
          <label className="auth-field">
            Send in
            <select value={auth.keyIn} disabled={!canWrite} onChange={(e) => set("keyIn", e.target.value)}>
              <option value="header">a header</option>
              <option value="query">the query string</option>
            </select>
          </label>
        </>
      ) : null}
      {auth.type !== "none" ? (
        <p className="muted hint">
          Everyone in the room sees what is typed here. Use a <strong>secret variable</strong> (Environment tab) like{" "}
          <code>{"{{API_TOKEN}}"}</code>: each person sets their own value, which never leaves the server.
        </p>
      ) : null}
    </div>
  );
}
