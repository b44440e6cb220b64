import { formatCount } from "~/format/numbers";
import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { readForm } from "~/http/validation.server";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary } from "~/components/FormErrorSummary";
import { useMemo, useState } from "react";
import { requireWorkspaceAccess } from "~/auth/authorize.server";
import { can } from "~/auth/permissions";
import { env } from "~/config/env.server";
import { clientAddress } from "~/rate-limit/rate-limit.server";
import { folderKey } from "~/scanner/folders";
import { PROVIDERS } from "~/scanner/providers";
import { codebaseAction } from "~/scans/actions.server";
import { codebasePage } from "~/scans/page.server";
import { CostBreakdown } from "~/scans/ui/CostBreakdown";
import { Findings } from "~/scans/ui/Findings";
import { History } from "~/scans/ui/History";
import { JobProgress } from "~/scans/ui/JobProgress";
import { Recommendations } from "~/scans/ui/Recommendations";
import { ArchiveSource, GithubSource } from "~/scans/ui/Sources";
import { Treemap, categoryColor, type TreemapLeaf } from "~/scans/ui/Treemap";
import { volumeRows, Volumes } from "~/scans/ui/Volumes";
import styles from "~/scans/scans.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Codebase analytics · ${data?.workspace.name ?? "Workspace"} · APIMarketplace Pro` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspaceAccess(request, params.workspaceId, "read");
  const url = new URL(request.url);
  const page = await codebasePage(workspace, url.searchParams.get("scan"));
  // Names and categories of the providers on the page only: the catalog itself stays on the server.
  const shown = new Set([
    ...page.history.flatMap((t) => t.scans.flatMap((s) => s.providersUsed)),
    ...(page.selected?.result?.providers.map((p) => p.provider) ?? []),
    ...(page.selected?.result?.decoys.map((d) => d.provider) ?? []),
  ]);
  const providers = Object.fromEntries(
    PROVIDERS.filter((p) => shown.has(p.id)).map((p) => [p.id, { name: p.name, category: p.category }]),
  );
  return {
    workspace,
    role,
    ...page,
    providers,
    providerCount: PROVIDERS.length,
    uploadError: url.searchParams.get("uploadError"),
    maxUploadMb: Math.round(env().MAX_UPLOAD_BYTES / 1_000_000),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.workspaceId, "read");
  const form = await readForm(request);
  if (!form.ok) return data({ ok: false as const, fieldErrors: { form: form.message } }, { status: 400 });
  return codebaseAction(form.values, access, clientAddress(request));
}

const hasVolumeRows = (costs: Parameters<typeof volumeRows>[0]) => {
  const { missing, entered } = volumeRows(costs);
  return missing.length + entered.length > 0;
};

export default function CodebasePage() {
  const {
    workspace,
    role,
    connection,
    oauthEnabled,
    history,
    selected,
    uploadError,
    maxUploadMb,
    providers,
    providerCount,
  } = useLoaderData<typeof loader>();
  const NAMES = useMemo(
    () => Object.fromEntries(Object.entries(providers).map(([id, p]) => [id, p.name])),
    [providers],
  );
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result && !result.ok ? result.fieldErrors : {};
  const canWrite = can(role, "write");
  const canManage = can(role, "manage");
  const scan = selected?.result ?? null;
  const [view, setView] = useState<"provider" | "folder">("provider");
  // Errors of fields the page shows next to them; the rest go in the summary at the top.
  const volumesShown = Boolean(scan && selected?.analysis && hasVolumeRows(selected.analysis.costs));
  const fieldsShownWithErrors = [
    ...(!connection && canManage ? ["token", "baseUrl"] : []),
    ...(connection && canWrite ? ["ref", "owner", "repo"] : []),
    ...(volumesShown ? ["monthlyCalls", "unitsPerCall"] : []),
  ];

  const leaves = useMemo<TreemapLeaf[]>(() => {
    if (!scan) return [];
    const used = new Set(
      scan.providers.filter((p) => p.verdict === "uses" || p.verdict === "likely").map((p) => p.provider),
    );
    const counts = new Map<string, TreemapLeaf>();
    for (const f of scan.findings) {
      if (f.context_kind !== "code" || !used.has(f.provider) || f.kind === "env-config") continue;
      const folder = folderKey(f.file);
      const [group, label] =
        view === "provider" ? [NAMES[f.provider] ?? f.provider, folder] : [folder, NAMES[f.provider] ?? f.provider];
      const key = `${group}\u0000${label}`;
      const leaf = counts.get(key) ?? {
        group,
        label,
        value: 0,
        color: categoryColor(providers[f.provider]?.category ?? ""),
      };
      leaf.value++;
      counts.set(key, leaf);
    }
    return [...counts.values()];
  }, [scan, view, NAMES, providers]);

  return (
    <main className="page wide codebase">
      <p className="breadcrumbs">
        <Link to="/workspaces">Workspaces</Link> / <Link to={`/w/${workspace.id}`}>{workspace.name}</Link>
      </p>
      <h1>Codebase analytics</h1>
      <p className="muted">Which third-party APIs the code calls, what they cost each month, and where to save.</p>
      {result?.ok ? (
        <p className="callout" role="status">
          {result.message}
        </p>
      ) : (
        <FormErrorSummary errors={errors} shown={fieldsShownWithErrors} />
      )}

      <div className="codebase-grid">
        <aside className="codebase-side">
          <h2>Sources</h2>
          <GithubSource
            workspaceId={workspace.id}
            connection={connection}
            oauthEnabled={oauthEnabled}
            canManage={canManage}
            canWrite={canWrite}
            errors={errors}
          />
          {canWrite ? (
            <ArchiveSource workspaceId={workspace.id} maxMb={maxUploadMb} error={uploadError ?? undefined} />
          ) : null}
          <h2>History</h2>
          <History
            workspaceId={workspace.id}
            targets={history}
            selectedId={selected?.id ?? null}
            canWrite={canWrite}
            names={NAMES}
          />
        </aside>

        <section className="codebase-main" aria-label="Scan result">
          {!selected ? (
            <div className="empty-state">
              <h2>No scan yet</h2>
              <p>
                Scan a GitHub repository or upload an archive (.tar.gz or .zip) of a codebase. The scan lists every
                third-party API the code calls, in JavaScript, TypeScript, Python, Go, Java, Ruby and PHP.
              </p>
            </div>
          ) : (
            <>
              <header className="scan-header">
                <div>
                  <h2>
                    {selected.target.label}
                    {scan?.source.commit ? <code className="small"> @ {scan.source.commit.slice(0, 7)}</code> : null}
                  </h2>
                  {scan ? (
                    <p className="muted small">
                      {formatCount(scan.stats.filesScanned)} files read ({(scan.stats.bytesScanned / 1e6).toFixed(1)}{" "}
                      MB) in {(scan.stats.durationMs / 1000).toFixed(1)} s ·{" "}
                      {new Date(selected.createdAt).toUTCString()}
                    </p>
                  ) : null}
                </div>
                {scan ? (
                  <nav className="exports" aria-label="Export">
                    <a className="button" href={`/w/${workspace.id}/scans/${selected.id}/export?format=json`} download>
                      JSON
                    </a>
                    <a className="button" href={`/w/${workspace.id}/scans/${selected.id}/export?format=sarif`} download>
                      SARIF
                    </a>
                  </nav>
                ) : null}
              </header>
              {selected.job.status !== "SUCCEEDED" ? (
                <JobProgress job={selected.job} scanId={selected.id} canCancel={canWrite} />
              ) : null}

              {scan && selected.analysis ? (
                <>
                  <section aria-labelledby="inventory-heading" className="panel">
                    <div className="panel-heading">
                      <h3 id="inventory-heading">Inventory</h3>
                      <div role="group" aria-label="Group the treemap" className="toggle">
                        <button type="button" aria-pressed={view === "provider"} onClick={() => setView("provider")}>
                          By provider
                        </button>
                        <button type="button" aria-pressed={view === "folder"} onClick={() => setView("folder")}>
                          By folder
                        </button>
                      </div>
                    </div>
                    <Treemap
                      leaves={leaves}
                      caption={`Findings ${view === "provider" ? "by provider, then folder" : "by folder, then provider"}`}
                    />
                    <ProviderTable providers={scan.providers} known={providerCount} />
                  </section>

                  <section aria-labelledby="cost-heading" className="panel">
                    <h3 id="cost-heading">Cost breakdown</h3>
                    <CostBreakdown analysis={selected.analysis} />
                    <Volumes costs={selected.analysis.costs} canWrite={canWrite} errors={errors} />
                  </section>

                  <section aria-labelledby="recommendations-heading" className="panel">
                    <h3 id="recommendations-heading">Recommendations</h3>
                    <Recommendations items={selected.analysis.recommendations} />
                  </section>

                  <section aria-labelledby="findings-heading" className="panel">
                    <h3 id="findings-heading">Findings</h3>
                    <Findings findings={scan.findings} total={scan.findingsTotal} names={NAMES} />
                  </section>

                  <section aria-labelledby="aside-heading" className="panel">
                    <h3 id="aside-heading">Set aside</h3>
                    {scan.decoys.length ? (
                      <>
                        <p className="small">Libraries from a provider's company that are not its API:</p>
                        <ul className="small">
                          {scan.decoys.slice(0, 20).map((d) => (
                            <li key={`${d.file}:${d.detail}`}>
                              <code>{d.detail}</code> in <code>{d.file}</code> is not {NAMES[d.provider] ?? d.provider}:{" "}
                              {d.reason}
                            </li>
                          ))}
                        </ul>
                      </>
                    ) : null}
                    <table className="reasons small">
                      <caption className="visually-hidden">Files not read, by reason</caption>
                      <tbody>
                        {Object.entries(scan.stats.skippedByReason)
                          .sort((a, b) => b[1] - a[1])
                          .map(([reason, count]) => (
                            <tr key={reason}>
                              <td>{formatCount(count)}</td>
                              <td>{reason}</td>
                            </tr>
                          ))}
                      </tbody>
                    </table>
                    {scan.skipped.length ? (
                      <details className="small">
                        <summary>Paths set aside ({scan.skipped.length})</summary>
                        <ul>
                          {scan.skipped.map((s) => (
                            <li key={`${s.path}:${s.reason}`}>
                              <code>{s.path}</code>: {s.reason}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </section>
                </>
              ) : null}
            </>
          )}
        </section>
      </div>
    </main>
  );
}

function ProviderTable({
  providers,
  known,
}: {
  providers: {
    provider: string;
    name: string;
    verdict: string;
    confidence: number;
    reasons: string[];
    files: number;
  }[];
  known: number;
}) {
  if (!providers.length)
    return <p className="empty">This code calls none of the {known} providers the scanner knows.</p>;
  return (
    <table className="providers">
      <thead>
        <tr>
          <th scope="col">Provider</th>
          <th scope="col">Verdict</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {providers.map((p) => (
          <tr key={p.provider} data-verdict={p.verdict}>
            <th scope="row">{p.name}</th>
            <td>
              <span className={`verdict verdict-${p.verdict}`}>{p.verdict}</span>{" "}
              <span className="muted small">{p.confidence.toFixed(2)}</span>
            </td>
            <td>
              <ul className="reasons-list small">
                {p.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
