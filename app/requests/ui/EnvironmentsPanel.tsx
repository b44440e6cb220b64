import { LiveList, LiveObject } from "@liveblocks/client";
import { useMutation, useStorage } from "@liveblocks/react/suspense";
import { useState } from "react";
import { newRowId } from "../request-draft";
import { postJson } from "./post-json";

export type MySecret = { environmentId: string; name: string; masked: string };

/**
 * Environments and their variables. Shared variables live in the room for everyone.
 * A secret variable keeps only its name in the room; each person sets their own value,
 * which goes straight to the server (encrypted) and never into the room.
 */
export function EnvironmentsPanel({
  canWrite,
  base,
  mySecrets,
  onSecretsChange,
}: {
  canWrite: boolean;
  base: string;
  mySecrets: MySecret[];
  onSecretsChange: (s: MySecret[]) => void;
}) {
  const environments = useStorage((root) => root.environments ?? []);
  const activeId = useStorage((root) => root.request?.environmentId ?? null);
  const active = environments.find((e) => e.id === activeId) ?? null;

  const choose = useMutation(({ storage }, id: string | null) => storage.get("request")?.set("environmentId", id), []);
  const addEnvironment = useMutation(({ storage }) => {
    const id = newRowId();
    storage.get("environments")?.push(
      new LiveObject({
        id,
        name: `Environment ${(storage.get("environments")?.length ?? 0) + 1}`,
        variables: new LiveList([]),
      }),
    );
    storage.get("request")?.set("environmentId", id);
  }, []);
  const remove = useMutation(({ storage }, id: string) => {
    const list = storage.get("environments");
    const index = list?.findIndex((e) => e.get("id") === id) ?? -1;
    if (index < 0) return;
    list!.delete(index);
    if (storage.get("request")?.get("environmentId") === id) storage.get("request")?.set("environmentId", null);
  }, []);
  const rename = useMutation(
    ({ storage }, id: string, name: string) =>
      storage
        .get("environments")
        ?.find((e) => e.get("id") === id)
        ?.set("name", name),
    [],
  );
  const addVariable = useMutation(({ storage }, envId: string) => {
    storage
      .get("environments")
      ?.find((e) => e.get("id") === envId)
      ?.get("variables")
      .push(new LiveObject({ id: newRowId(), name: "", value: "", secret: false }));
  }, []);
  const updateVariable = useMutation(
    ({ storage }, envId: string, varId: string, patch: { name?: string; value?: string; secret?: boolean }) => {
      const list = storage
        .get("environments")
        ?.find((e) => e.get("id") === envId)
        ?.get("variables");
      const variable = list?.find((v) => v.get("id") === varId);
      if (!variable) return;
      // A secret never keeps a value in the room: turning one secret wipes what was shared.
      variable.update(patch.secret ? { ...patch, value: "" } : patch);
    },
    [],
  );
  const removeVariable = useMutation(({ storage }, envId: string, varId: string) => {
    const list = storage
      .get("environments")
      ?.find((e) => e.get("id") === envId)
      ?.get("variables");
    const index = list?.findIndex((v) => v.get("id") === varId) ?? -1;
    if (list && index >= 0) list.delete(index);
  }, []);

  return (
    <div className="environments">
      <div className="env-bar">
        <label className="auth-field">
          Environment
          <select
            aria-label="Active environment"
            value={activeId ?? ""}
            disabled={!canWrite}
            onChange={(e) => choose(e.target.value || null)}
          >
            <option value="">None</option>
            {environments.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
        {active && canWrite ? (
          <label className="auth-field">
            Name
            <input
              aria-label="Environment name"
              value={active.name}
              onChange={(e) => rename(active.id, e.target.value)}
            />
          </label>
        ) : null}
        {active && canWrite ? (
          <button
            type="button"
            onClick={() =>
              confirm(`Delete the environment “${active.name}” and its variables for everyone? Undo brings it back.`) &&
              remove(active.id)
            }
          >
            Delete environment
          </button>
        ) : null}
        {canWrite ? (
          <button type="button" onClick={addEnvironment}>
            + New environment
          </button>
        ) : null}
      </div>
      {!active ? (
        <p className="empty">No environment is active: {"{{variables}}"} stay as they are. Choose or create one.</p>
      ) : (
        <>
          {active.variables.length === 0 ? (
            <p className="empty">No variables yet. Add one, then use it anywhere as {"{{name}}"}.</p>
          ) : null}
          <table className="variables" data-testid="variables">
            {active.variables.length ? (
              <thead>
                <tr>
                  <th scope="col">Variable</th>
                  <th scope="col">Value</th>
                  <th scope="col" className="narrow-col">
                    Secret
                  </th>
                  <th scope="col" className="narrow-col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
            ) : null}
            <tbody>
              {active.variables.map((v) => (
                <tr key={v.id} data-testid="variable-row" data-name={v.name}>
                  <td>
                    <input
                      aria-label={`Variable name ${v.name}`}
                      value={v.name}
                      readOnly={!canWrite}
                      placeholder="NAME"
                      onChange={(e) => updateVariable(active.id, v.id, { name: e.target.value })}
                    />
                  </td>
                  <td>
                    {v.secret ? (
                      <SecretValue
                        base={base}
                        environmentId={active.id}
                        name={v.name}
                        mine={mySecrets.find((s) => s.environmentId === active.id && s.name === v.name)}
                        onChange={onSecretsChange}
                        canWrite={canWrite}
                      />
                    ) : (
                      <input
                        aria-label={`Value of ${v.name}`}
                        value={v.value}
                        readOnly={!canWrite}
                        placeholder="shared value"
                        onChange={(e) => updateVariable(active.id, v.id, { value: e.target.value })}
                      />
                    )}
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${v.name} is secret`}
                      checked={v.secret}
                      disabled={!canWrite}
                      onChange={(e) => updateVariable(active.id, v.id, { secret: e.target.checked })}
                    />
                  </td>
                  <td>
                    {canWrite ? (
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`Remove variable ${v.name}`}
                        onClick={() => removeVariable(active.id, v.id)}
                      >
                        ×
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {canWrite ? (
            <button type="button" onClick={() => addVariable(active.id)}>
              + Add variable
            </button>
          ) : null}
          <p className="muted hint">
            Shared values are seen by everyone here. Secret values are yours alone: stored encrypted on the server, used
            only when you send.
          </p>
        </>
      )}
    </div>
  );
}

function SecretValue({
  base,
  environmentId,
  name,
  mine,
  onChange,
  canWrite,
}: {
  base: string;
  environmentId: string;
  name: string;
  mine?: MySecret;
  onChange: (s: MySecret[]) => void;
  canWrite: boolean;
}) {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(intent: "set" | "clear") {
    setBusy(true);
    const result = await postJson<{ secrets: MySecret[] }>(
      `${base}/secrets`,
      intent === "set" ? { intent, environmentId, name, value } : { intent, environmentId, name },
    );
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setValue("");
    onChange(result.data.secrets);
  }
  if (!name) return <span className="muted">Name it first</span>;
  return (
    <form
      className="secret-value"
      onSubmit={(e) => {
        e.preventDefault();
        void submit("set");
      }}
    >
      {mine ? (
        <span className="masked" data-testid="my-secret">
          {mine.masked} <span className="muted">(yours)</span>
        </span>
      ) : (
        <span className="muted">not set for you</span>
      )}
      <input
        type="password"
        aria-label={`Your value for ${name}`}
        autoComplete="off"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder={mine ? "replace your value" : "your value"}
        disabled={!canWrite}
      />
      <button type="submit" disabled={busy || !value || !canWrite}>
        Save
      </button>
      {mine ? (
        <button type="button" disabled={busy} onClick={() => void submit("clear")}>
          Clear
        </button>
      ) : null}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </form>
  );
}
