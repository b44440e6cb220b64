import { LiveObject } from "@liveblocks/client";
import { useMutation, useStorage } from "@liveblocks/react/suspense";
import { newRowId } from "../request-draft";

/** Query parameters or headers as an editable table; each row can be switched off. */
export function RowsTable({ list, canWrite, label }: { list: "query" | "headers"; canWrite: boolean; label: string }) {
  const rows = useStorage((root) => root.request?.[list] ?? []);
  const add = useMutation(
    ({ storage }) => {
      storage
        .get("request")
        ?.get(list)
        .push(new LiveObject({ id: newRowId(), enabled: true, name: "", value: "" }));
    },
    [list],
  );
  const update = useMutation(
    ({ storage }, id: string, field: "name" | "value" | "enabled", value: string | boolean) => {
      const items = storage.get("request")?.get(list);
      const index = items?.findIndex((row) => row.get("id") === id) ?? -1;
      if (items && index >= 0) items.get(index)!.set(field, value as never);
    },
    [list],
  );
  const remove = useMutation(
    ({ storage }, id: string) => {
      const items = storage.get("request")?.get(list);
      const index = items?.findIndex((row) => row.get("id") === id) ?? -1;
      if (items && index >= 0) items.delete(index);
    },
    [list],
  );
  return (
    <div className="rows-table" data-testid={`rows-${list}`}>
      {rows.length === 0 ? (
        <p className="empty">
          No {label.toLowerCase()} yet.{canWrite ? " Add one below, or type them into the URL." : ""}
        </p>
      ) : null}
      {rows.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col" className="narrow-col">
                On
              </th>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col" className="narrow-col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={row.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Use ${label.toLowerCase()} ${i + 1}`}
                    checked={row.enabled}
                    disabled={!canWrite}
                    onChange={(e) => update(row.id, "enabled", e.target.checked)}
                  />
                </td>
                <td>
                  <input
                    aria-label={`${label} ${i + 1} name`}
                    value={row.name}
                    readOnly={!canWrite}
                    onChange={(e) => update(row.id, "name", e.target.value)}
                    placeholder="name"
                  />
                </td>
                <td>
                  <input
                    aria-label={`${label} ${i + 1} value`}
                    value={row.value}
                    readOnly={!canWrite}
                    onChange={(e) => update(row.id, "value", e.target.value)}
                    placeholder="value or {{variable}}"
                  />
                </td>
                <td>
                  {canWrite ? (
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Remove ${label.toLowerCase()} ${row.name || i + 1}`}
                      onClick={() => remove(row.id)}
                    >
                      ×
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canWrite ? (
        <button type="button" onClick={add}>
          + Add {label === "Headers" ? "header" : "parameter"}
        </button>
      ) : null}
    </div>
  );
}
