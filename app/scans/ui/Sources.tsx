import { Form, useFetcher } from "@remix-run/react";
import { useMemo, useState } from "react";
import type { ConnectionView } from "../github-connection.server";
import type { GithubRepository } from "~/scanner/sources/github";

type Errors = Record<string, string | undefined>;

/** Where scans come from: a connected GitHub (OAuth or token, Enterprise by URL) and archive uploads. */
export function GithubSource({
  workspaceId,
  connection,
  oauthEnabled,
  canManage,
  canWrite,
  errors,
}: {
  workspaceId: string;
  connection: ConnectionView | null;
  oauthEnabled: boolean;
  canManage: boolean;
  canWrite: boolean;
  errors: Errors;
}) {
  if (!connection) {
    return (
      <section className="source" aria-labelledby="github-heading">
        <h3 id="github-heading">GitHub</h3>
        {canManage ? (
          <>
            <p className="muted small">
              Connect GitHub to list your repositories and scan them. The token is stored encrypted and used only by
              scans.
            </p>
            {oauthEnabled ? (
              <p>
                <a className="button primary" href={`/w/${workspaceId}/scans/github/connect`}>
                  Connect with GitHub
                </a>
              </p>
            ) : null}
            <Form method="post" className="stack compact" aria-label="Connect GitHub with a token">
              <input type="hidden" name="intent" value="connect-token" />
              <div className="field">
                <label htmlFor="github-token">Personal access token</label>
                <input
                  id="github-token"
                  name="token"
                  type="password"
                  autoComplete="off"
                  placeholder="ghp_… or github_pat_…"
                  aria-invalid={errors.token ? true : undefined}
                  required
                />
                {errors.token ? (
                  <p className="field-error" role="alert">
                    {errors.token}
                  </p>
                ) : null}
              </div>
              <details>
                <summary>GitHub Enterprise</summary>
                <div className="field">
                  <label htmlFor="github-base-url">API address</label>
                  <input
                    id="github-base-url"
                    name="baseUrl"
                    type="url"
                    placeholder="https://github.example.com/api/v3"
                    aria-invalid={errors.baseUrl ? true : undefined}
                  />
                  {errors.baseUrl ? (
                    <p className="field-error" role="alert">
                      {errors.baseUrl}
                    </p>
                  ) : null}
                </div>
              </details>
              <button type="submit" className="primary">
                Connect with token
              </button>
            </Form>
          </>
        ) : (
          <p className="muted small">GitHub is not connected. An owner or admin of this workspace can connect it.</p>
        )}
      </section>
    );
  }
  return (
    <section className="source" aria-labelledby="github-heading">
      <h3 id="github-heading">GitHub</h3>
      <p className="small" data-testid="github-connection">
        Connected as <strong>{connection.login}</strong> ({connection.method === "oauth" ? "OAuth" : "token"}{" "}
        {connection.masked}
        {connection.enterprise ? `, ${connection.baseUrl}` : ""})
      </p>
      {canManage ? (
        <Form method="post">
          <input type="hidden" name="intent" value="disconnect" />
          <button type="submit" className="link-button">
            Disconnect
          </button>
        </Form>
      ) : null}
      {canWrite ? <RepoPicker workspaceId={workspaceId} errors={errors} /> : null}
    </section>
  );
}

function RepoPicker({ workspaceId, errors }: { workspaceId: string; errors: Errors }) {
  const repos = useFetcher<{ repos?: GithubRepository[]; error?: string }>();
  const [filter, setFilter] = useState("");
  const [choice, setChoice] = useState("");
  const list = repos.data?.repos;
  const shown = useMemo(
    () => (list ?? []).filter((r) => r.fullName.toLowerCase().includes(filter.toLowerCase())).slice(0, 200),
    [list, filter],
  );
  const chosen = list?.find((r) => r.fullName === choice);
  if (!list) {
    return (
      <div>
        <button
          type="button"
          onClick={() => repos.load(`/w/${workspaceId}/scans/repos`)}
          disabled={repos.state !== "idle"}
        >
          {repos.state !== "idle" ? "Loading repositories…" : "Choose a repository"}
        </button>
        {repos.data?.error ? (
          <p className="form-error" role="alert">
            {repos.data.error}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <Form method="post" className="stack compact" aria-label="Scan a repository">
      <input type="hidden" name="intent" value="scan-repo" />
      <input type="hidden" name="owner" value={chosen?.owner ?? ""} />
      <input type="hidden" name="repo" value={chosen?.name ?? ""} />
      <div className="field">
        <label htmlFor="repo-filter">Repository ({list.length})</label>
        <input
          id="repo-filter"
          type="search"
          placeholder="Filter by name"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <select
          aria-label="Repository"
          size={Math.min(8, Math.max(2, shown.length))}
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          required
        >
          {shown.map((r) => (
            <option key={r.fullName} value={r.fullName}>
              {r.fullName}
              {r.private ? " (private)" : ""}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="repo-ref">Branch</label>
        <input
          id="repo-ref"
          name="ref"
          placeholder={chosen ? chosen.defaultBranch : "default branch"}
          aria-invalid={errors.ref ? true : undefined}
        />
        {errors.ref ? (
          <p className="field-error" role="alert">
            {errors.ref}
          </p>
        ) : null}
      </div>
      {errors.owner || errors.repo ? (
        <p className="field-error" role="alert">
          {errors.owner ?? errors.repo}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={!chosen}>
        Scan {chosen ? chosen.fullName : ""}
      </button>
    </Form>
  );
}

export function ArchiveSource({ workspaceId, maxMb, error }: { workspaceId: string; maxMb: number; error?: string }) {
  return (
    <section className="source" aria-labelledby="archive-heading">
      <h3 id="archive-heading">Upload an archive</h3>
      <Form
        method="post"
        action={`/w/${workspaceId}/scans/upload`}
        encType="multipart/form-data"
        className="stack compact"
        aria-label="Upload an archive to scan"
      >
        <div className="field">
          <label htmlFor="archive-file">.tar.gz, .tgz, .tar or .zip (up to {maxMb} MB)</label>
          <input
            id="archive-file"
            name="archive"
            type="file"
            accept=".tar.gz,.tgz,.tar,.zip,application/gzip,application/zip"
            required
          />
        </div>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit">Upload and scan</button>
      </Form>
    </section>
  );
}
