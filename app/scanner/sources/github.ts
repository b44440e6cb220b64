import { Readable } from "node:stream";
import { Octokit, RequestError } from "octokit";
import { LIMITS, type Limits } from "../limits";
import { extractTar, type Extraction } from "./archive";

/**
 * GitHub through the real octokit (REST), for github.com or GitHub Enterprise by base URL.
 * Rate limits are waited out (octokit's throttling plugin retries after the reset) up to a
 * limit; every failure becomes a GithubError whose message a person can act on.
 */
export type GithubErrorKind =
  "rate-limited" | "not-found" | "no-access" | "bad-credentials" | "unreachable" | "refused" | "other";

export class GithubError extends Error {
  constructor(
    readonly kind: GithubErrorKind,
    message: string,
    readonly resetAt?: Date,
  ) {
    super(message);
  }
}

export type GithubClientOptions = {
  token: string;
  baseUrl: string;
  /** Called when GitHub's rate limit is reached, before waiting `seconds` for the reset. */
  onRateLimitWait?: (seconds: number, resetAt: Date) => void;
  /** Longest wait for a reset before giving up (default one hour: GitHub's window). */
  maxWaitSeconds?: number;
  signal?: AbortSignal;
  /**
   * The fetch octokit uses. The app passes one that checks every connection against its
   * address policy (a GitHub Enterprise address is typed by people); the command line's
   * own scans use the platform's.
   */
  fetch?: typeof fetch;
};

export function githubClient(options: GithubClientOptions) {
  const maxWait = options.maxWaitSeconds ?? 3600;
  const decide = (retryAfter: number, retryCount: number) => {
    if (options.signal?.aborted || retryAfter > maxWait || retryCount >= 3) return false;
    options.onRateLimitWait?.(retryAfter, new Date(Date.now() + retryAfter * 1000));
    return true;
  };
  return new Octokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    userAgent: "apimarketplace-workspaces-scanner",
    throttle: {
      onRateLimit: (retryAfter: number, _opts: unknown, _octokit: unknown, retryCount: number) =>
        decide(retryAfter, retryCount),
      onSecondaryRateLimit: (retryAfter: number, _opts: unknown, _octokit: unknown, retryCount: number) =>
        decide(retryAfter, retryCount),
    },
    request: { signal: options.signal, ...(options.fetch ? { fetch: options.fetch } : {}) },
  });
}

export type GithubRepository = {
  fullName: string;
  owner: string;
  name: string;
  private: boolean;
  defaultBranch: string;
  description: string | null;
  pushedAt: string | null;
  language: string | null;
};

/** Repositories the token can read, most recently pushed first, following GitHub's Link pagination. */
export async function listRepositories(octokit: Octokit, max = 1000): Promise<GithubRepository[]> {
  const repos: GithubRepository[] = [];
  try {
    for await (const page of octokit.paginate.iterator(octokit.rest.repos.listForAuthenticatedUser, {
      per_page: 100,
      sort: "pushed",
    })) {
      for (const r of page.data) {
        repos.push({
          fullName: r.full_name,
          owner: r.owner.login,
          name: r.name,
          private: r.private,
          defaultBranch: r.default_branch ?? "main",
          description: r.description ?? null,
          pushedAt: r.pushed_at ?? null,
          language: r.language ?? null,
        });
      }
      if (repos.length >= max) break;
    }
  } catch (error) {
    throw toGithubError(error, "your repositories");
  }
  return repos.slice(0, max);
}

export async function authenticatedLogin(octokit: Octokit) {
  try {
    const response = await octokit.rest.users.getAuthenticated();
    const scopes = (response.headers["x-oauth-scopes"] ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    return { login: response.data.login, scopes };
  } catch (error) {
    throw toGithubError(error, "your GitHub account");
  }
}

/** The commit a branch (or the default branch) points at now. */
export async function resolveCommit(octokit: Octokit, owner: string, repo: string, ref?: string | null) {
  const what = `${owner}/${repo}`;
  try {
    const branch = ref || (await octokit.rest.repos.get({ owner, repo })).data.default_branch;
    const { data } = await octokit.rest.repos.getCommit({ owner, repo, ref: branch });
    return { sha: data.sha, ref: branch };
  } catch (error) {
    throw toGithubError(error, what);
  }
}

/** Downloads the repository at a commit as a tarball and unpacks it safely into `dest`. */
export async function downloadRepository(
  octokit: Octokit,
  input: { owner: string; repo: string; sha: string; dest: string; limits?: Partial<Limits>; signal?: AbortSignal },
): Promise<Extraction> {
  const limits = { ...LIMITS, ...input.limits };
  let body: ReadableStream<Uint8Array>;
  try {
    const response = await octokit.request("GET /repos/{owner}/{repo}/tarball/{ref}", {
      owner: input.owner,
      repo: input.repo,
      ref: input.sha,
      request: { parseSuccessResponseBody: false, signal: input.signal },
    });
    body = response.data as unknown as ReadableStream<Uint8Array>;
  } catch (error) {
    throw toGithubError(error, `${input.owner}/${input.repo}`);
  }
  return extractTar(
    Readable.fromWeb(body as import("node:stream/web").ReadableStream),
    input.dest,
    limits,
    input.signal,
  );
}

export function toGithubError(error: unknown, what: string): GithubError {
  if (error instanceof GithubError) return error;
  const refusal = causeNamed(error, "AddressRefused");
  if (refusal) return new GithubError("refused", `The server refused to connect to that GitHub address: ${refusal}`);
  const unreachable = causeNamed(error, "ConnectionFailed");
  if (unreachable) return new GithubError("unreachable", `GitHub could not be reached: ${unreachable}`);
  if (error instanceof RequestError) {
    const headers = error.response?.headers ?? {};
    const body = error.response?.data as { message?: string } | undefined;
    const text = body?.message ?? error.message;
    if (error.status === 401)
      return new GithubError(
        "bad-credentials",
        "GitHub did not accept the token (it may have expired or been revoked). Connect GitHub again.",
      );
    if (
      (error.status === 403 || error.status === 429) &&
      (headers["x-ratelimit-remaining"] === "0" || /rate limit/i.test(text))
    ) {
      const reset = Number(headers["x-ratelimit-reset"]);
      const resetAt = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : undefined;
      return new GithubError(
        "rate-limited",
        `GitHub's rate limit is used up${resetAt ? ` until ${resetAt.toISOString().slice(11, 16)} UTC` : ""}. Try again after that.`,
        resetAt,
      );
    }
    if (error.status === 403)
      return new GithubError(
        "no-access",
        `The GitHub token has no access to ${what}. Give it the repo scope (or access to this repository) and try again.`,
      );
    if (error.status === 404)
      return new GithubError("not-found", `GitHub says ${what} does not exist, or the token cannot see it.`);
    if (error.status >= 500)
      return new GithubError("unreachable", "GitHub is not answering properly right now. The scan will try again.");
    return new GithubError("other", `GitHub refused the request for ${what} (${error.status}).`);
  }
  if (error instanceof Error && error.name === "AbortError") return new GithubError("other", "Cancelled.");
  return new GithubError("unreachable", "GitHub could not be reached. Check the GitHub address and the network.");
}

/**
 * Why the app's checked fetch did not connect: its errors reach octokit as fetch's TypeError
 * with the reason as `cause` (AddressRefused: the address policy; ConnectionFailed: DNS).
 */
function causeNamed(error: unknown, name: string): string | null {
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++)
    if (e.name === name) return e.message;
  return null;
}
