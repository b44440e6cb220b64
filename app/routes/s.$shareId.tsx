import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireWorkspaceAccess } from "~/auth/authorize.server";
import { can } from "~/auth/permissions";
import { getSessionUser, requireUser } from "~/auth/session.server";
import { LANGUAGES, isLanguageId } from "~/codegen/languages";
import { ClientOnly } from "~/components/ClientOnly";
import { CodeBlock } from "~/components/CodeBlock";
import { env } from "~/config/env.server";
import { notFound, retryAfterHeader } from "~/http/responses.server";
import { parseForm, readForm } from "~/http/validation.server";
import { consumeRateLimit } from "~/rate-limit/rate-limit.server";
import { RUNNABLE_IN_BROWSER, runLocallySteps } from "~/snippets/run-locally";
import { SandboxRunner } from "~/snippets/SandboxRunner";
import { DeleteSchema, ForkSchema, ShareId, VisibilitySchema } from "~/snippets/snippet-schemas.server";
import styles from "~/snippets/snippets.css?url";
import {
  deleteSnippet,
  forkSnippet,
  recordView,
  setSnippetVisibility,
  snippetForViewer,
  viewerKey,
  writableWorkspaces,
} from "~/snippets/snippets.server";

/**
 * A snippet's share page: server-rendered, works logged out. Public snippets open for
 * anyone with the link; private ones only for members of their workspace (404 for
 * everyone else, the same as a link that never existed).
 */
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.snippet.title} · Snippet · APIMarketplace Pro` : "Snippet · APIMarketplace Pro" },
  { name: "robots", content: "noindex" },
];

const NO_SUCH_SNIPPET = "No such snippet, or it is private to its workspace.";

async function visibleSnippet(request: Request, shareId: string | undefined) {
  if (!ShareId.safeParse(shareId).success) throw notFound(NO_SUCH_SNIPPET);
  const viewer = await getSessionUser(request);
  const snippet = await snippetForViewer(shareId!, viewer);
  if (!snippet) throw notFound(NO_SUCH_SNIPPET);
  return { viewer, snippet };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, snippet } = await visibleSnippet(request, params.shareId);
  const viewCount = await recordView(snippet.id, viewerKey(request, viewer));
  const origin = env().APP_URL ?? new URL(request.url).origin;
  const forkedFrom = snippet.forkedFrom
    ? snippet.forkedFrom.visibility === "PUBLIC"
      ? { title: snippet.forkedFrom.title, shareId: snippet.forkedFrom.shareId }
      : { title: null, shareId: null }
    : null;
  return {
    snippet: {
      title: snippet.title,
      code: snippet.code,
      language: snippet.language,
      languageLabel: isLanguageId(snippet.language) ? LANGUAGES[snippet.language].label : snippet.language,
      apiSlug: snippet.apiSlug,
      visibility: snippet.visibility,
      viewCount,
      forkCount: snippet.forkCount,
      author: snippet.createdBy?.name ?? "someone",
      createdAt: snippet.createdAt.toISOString(),
      forkedFrom,
    },
    shareUrl: `${origin}/s/${params.shareId}`,
    loggedIn: Boolean(viewer),
    manage:
      snippet.viewerRole && can(snippet.viewerRole, "write")
        ? { workspaceId: snippet.workspace.id, workspaceName: snippet.workspace.name }
        : null,
    forkTargets: viewer ? await writableWorkspaces(viewer.id) : [],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireUser(request);
  const { snippet } = await visibleSnippet(request, params.shareId);
  const form = await readForm(request.clone());
  if (!form.ok) return data({ error: form.message }, { status: 400 });
  const intent = form.values.intent;

  if (intent === "fork") {
    const parsed = await parseForm(request, ForkSchema);
    if (!parsed.ok) return data({ error: Object.values(parsed.fieldErrors)[0] }, { status: 400 });
    const { user, workspace } = await requireWorkspaceAccess(request, parsed.data.workspaceId, "write");
    const limit = await consumeRateLimit(`snippet-fork:${user.id}`, { limit: 60, windowSeconds: 3600 });
    if (!limit.allowed)
      return data(
        { error: "Too many forks in an hour. Try again later." },
        { status: 429, headers: retryAfterHeader(limit.resetAt) },
      );
    const fork = await forkSnippet(snippet, { workspaceId: workspace.id, userId: user.id });
    return redirect(`/s/${fork.shareId}`);
  }

  // Changing or deleting it needs write access to the snippet's own workspace.
  await requireWorkspaceAccess(request, snippet.workspaceId, "write");
  if (intent === "visibility") {
    const parsed = await parseForm(request, VisibilitySchema);
    if (!parsed.ok) return data({ error: Object.values(parsed.fieldErrors)[0] }, { status: 400 });
    await setSnippetVisibility(snippet.id, parsed.data.visibility);
    return { ok: true };
  }
  if (intent === "delete") {
    const parsed = await parseForm(request, DeleteSchema);
    if (!parsed.ok) return data({ error: "Say what to do." }, { status: 400 });
    await deleteSnippet(snippet.id);
    return redirect(`/w/${snippet.workspaceId}/snippets`);
  }
  return data({ error: "Say what to do: fork, visibility or delete." }, { status: 400 });
}

export default function SnippetPage() {
  const { snippet, shareUrl, loggedIn, manage, forkTargets } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <main className="page">
      {manage ? (
        <p className="breadcrumbs">
          <Link to="/workspaces">Workspaces</Link> / <Link to={`/w/${manage.workspaceId}`}>{manage.workspaceName}</Link>{" "}
          / <Link to={`/w/${manage.workspaceId}/snippets`}>Snippets</Link>
        </p>
      ) : null}
      <div className="snippet-header">
        <div>
          <h1 data-testid="snippet-title">{snippet.title}</h1>
          <p className="muted">
            {snippet.languageLabel}
            {snippet.apiSlug ? ` · ${snippet.apiSlug}` : ""} · saved by {snippet.author} on{" "}
            {snippet.createdAt.slice(0, 10)}
            {snippet.visibility === "PRIVATE" ? " · private to its workspace" : ""}
          </p>
          {snippet.forkedFrom ? (
            <p className="muted" data-testid="forked-from">
              Forked from{" "}
              {snippet.forkedFrom.shareId ? (
                <Link to={`/s/${snippet.forkedFrom.shareId}`}>{snippet.forkedFrom.title}</Link>
              ) : (
                "a snippet that is now private"
              )}
            </p>
          ) : null}
        </div>
        <ul className="snippet-stats" aria-label="Statistics">
          <li>
            <strong data-testid="view-count">{snippet.viewCount}</strong> {snippet.viewCount === 1 ? "view" : "views"}
          </li>
          <li>
            <strong data-testid="fork-count">{snippet.forkCount}</strong> {snippet.forkCount === 1 ? "fork" : "forks"}
          </li>
        </ul>
      </div>

      <CodeBlock code={snippet.code} language={snippet.language} label={`${snippet.languageLabel} code`} />

      {RUNNABLE_IN_BROWSER.has(snippet.language) ? (
        <ClientOnly fallback={<p className="muted">Run needs JavaScript.</p>}>
          {() => <SandboxRunner code={snippet.code} language={snippet.language} />}
        </ClientOnly>
      ) : (
        <section className="run-locally" aria-label="Run it locally">
          <h2>Run it on your machine</h2>
          <ol>
            {runLocallySteps(snippet.language).map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </section>
      )}

      <div className="snippet-actions">
        {loggedIn ? (
          forkTargets.length ? (
            <Form method="post" aria-label="Fork">
              <input type="hidden" name="intent" value="fork" />
              <label>
                Fork into
                <select name="workspaceId" defaultValue={forkTargets[0]!.id}>
                  {forkTargets.map((w) => (
                    <option key={w.id} value={w.id}>
                      {w.name}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="primary" disabled={busy}>
                Fork
              </button>
            </Form>
          ) : (
            <p className="muted">You have no workspace you can write in, so you can't fork this.</p>
          )
        ) : (
          <p>
            <Link to={`/login?${new URLSearchParams({ redirectTo: `/s/${shareUrl.split("/s/")[1]}` })}`}>Log in</Link>{" "}
            to fork this into your workspace.
          </p>
        )}
        {manage ? (
          <>
            <Form method="post" aria-label="Visibility">
              <input type="hidden" name="intent" value="visibility" />
              <input type="hidden" name="visibility" value={snippet.visibility === "PUBLIC" ? "PRIVATE" : "PUBLIC"} />
              <button type="submit" disabled={busy}>
                {snippet.visibility === "PUBLIC" ? "Make private" : "Make public"}
              </button>
            </Form>
            <Form
              method="post"
              aria-label="Delete"
              onSubmit={(e) => !confirm("Delete this snippet? Forks keep their copies.") && e.preventDefault()}
            >
              <input type="hidden" name="intent" value="delete" />
              <button type="submit" disabled={busy}>
                Delete
              </button>
            </Form>
          </>
        ) : null}
      </div>
      {snippet.visibility === "PUBLIC" || manage ? (
        <div className="share-link">
          <label htmlFor="share-url">
            {snippet.visibility === "PUBLIC"
              ? "Share link (anyone with it can open this)"
              : "Link (only your workspace can open it until you make it public)"}
          </label>
          <input id="share-url" readOnly value={shareUrl} onFocus={(e) => e.target.select()} data-testid="share-url" />
        </div>
      ) : null}
      {result && "error" in result ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
    </main>
  );
}
