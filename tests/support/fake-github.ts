import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tarGzOf } from "./archives";

/**
 * A local server that speaks the parts of GitHub's wire format the app uses, for the
 * real octokit to talk to: the OAuth web flow (authorize page, token exchange), the REST
 * API's user endpoints, and repositories (listing with Link pagination, commits, tarballs
 * behind a redirect as codeload serves them), with GitHub's rate-limit headers, 403s and
 * 404s (JSON bodies, status codes and headers as github.com sends them).
 */
export type FakeGithubUser = {
  id: number;
  login: string;
  name: string | null;
  emails: { email: string; primary: boolean; verified: boolean }[];
};

export type FakeRepo = {
  owner: string;
  name: string;
  private?: boolean;
  defaultBranch?: string;
  files: Record<string, string>;
  /** Tokens get 403 "Resource not accessible" on this repository. */
  forbidden?: boolean;
};

type Options = {
  clientId?: string;
  clientSecret?: string;
  user: FakeGithubUser;
  repos?: FakeRepo[];
  /** Personal access tokens the server accepts, with the scopes GitHub reports for them. */
  tokens?: Record<string, string[]>;
};

const docs = "https://docs.github.com/rest";

export async function startFakeGithub(options: Options) {
  const codes = new Map<string, { token: string; scope: string }>(); // OAuth code -> token
  const tokens = new Map<string, string[]>(Object.entries(options.tokens ?? {}));
  const requests: { method: string; path: string; authorization?: string }[] = [];
  const repos = new Map((options.repos ?? []).map((r) => [`${r.owner}/${r.name}`.toLowerCase(), { ...r }]));
  let rateLimited = { remaining: 0, until: 0 };
  let baseUrl = "";

  const shaOf = (repo: FakeRepo) => createHash("sha1").update(JSON.stringify(repo.files)).digest("hex");

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    requests.push({
      method: req.method ?? "GET",
      path: url.pathname + url.search,
      authorization: req.headers.authorization,
    });
    const body = await readBody(req);
    const headers = (extra: Record<string, string> = {}) => ({
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4999",
      "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
      "x-ratelimit-resource": "core",
      "x-github-media-type": "github.v3; format=json",
      ...extra,
    });
    const send = (status: number, data: unknown, extra: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers(extra) });
      res.end(JSON.stringify(data));
    };

    if (req.method === "GET" && url.pathname === "/login/oauth/authorize") {
      // The person approves at once; GitHub sends the browser back with a one-time code.
      const redirect = new URL(url.searchParams.get("redirect_uri") ?? "/");
      const code = issue(url.searchParams.get("scope") ?? "");
      redirect.searchParams.set("code", code);
      redirect.searchParams.set("state", url.searchParams.get("state") ?? "");
      res.writeHead(302, { location: redirect.href });
      return res.end();
    }

    if (req.method === "POST" && url.pathname === "/login/oauth/access_token") {
      const params = req.headers["content-type"]?.includes("json")
        ? JSON.parse(body || "{}")
        : Object.fromEntries(new URLSearchParams(body));
      if (params.client_id !== options.clientId || params.client_secret !== options.clientSecret) {
        return send(200, {
          error: "incorrect_client_credentials",
          error_description: "The client_id and/or client_secret passed are incorrect.",
        });
      }
      const grant = codes.get(params.code);
      if (!grant)
        return send(200, {
          error: "bad_verification_code",
          error_description: "The code passed is incorrect or expired.",
        });
      codes.delete(params.code);
      tokens.set(grant.token, grant.scope ? grant.scope.split(/[ ,]+/) : ["read:user", "user:email"]);
      return send(200, {
        access_token: grant.token,
        token_type: "bearer",
        scope: (tokens.get(grant.token) ?? []).join(","),
      });
    }

    // codeload.github.com: the tarball itself, at the address the API redirected to.
    const codeload = /^\/_codeload\/([^/]+)\/([^/]+)\/legacy\.tar\.gz\/([0-9a-f]+)$/.exec(url.pathname);
    if (req.method === "GET" && codeload) {
      const repo = repos.get(`${codeload[1]}/${codeload[2]}`.toLowerCase());
      if (!repo || shaOf(repo) !== codeload[3]) return send(404, { message: "Not Found", documentation_url: docs });
      const prefix = `${repo.owner}-${repo.name}-${codeload[3]!.slice(0, 7)}/`;
      const archive = tarGzOf([
        { name: prefix, type: "dir" },
        ...Object.entries(repo.files).map(([name, text]) => ({ name: prefix + name, body: text })),
      ]);
      res.writeHead(200, {
        "content-type": "application/x-gzip",
        "content-length": String(archive.length),
        "content-disposition": `attachment; filename=${prefix.slice(0, -1)}.tar.gz`,
      });
      return res.end(archive);
    }

    const token = req.headers.authorization?.replace(/^(token|bearer) /i, "");
    if (!token || !tokens.has(token)) return send(401, { message: "Bad credentials", documentation_url: docs });
    const scopes = { "x-oauth-scopes": (tokens.get(token) ?? []).join(", ") };

    if (rateLimited.remaining > 0 && Date.now() < rateLimited.until) {
      rateLimited.remaining--;
      return send(
        403,
        {
          message:
            "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.",
          documentation_url: `${docs}/overview/rate-limits-for-the-rest-api`,
        },
        {
          "x-ratelimit-remaining": "0",
          "x-ratelimit-used": "5000",
          "x-ratelimit-reset": String(Math.ceil(rateLimited.until / 1000)),
          ...scopes,
        },
      );
    }

    if (req.method === "GET" && url.pathname === "/user") {
      const { emails, ...profile } = options.user;
      return send(200, { ...profile, email: emails.find((e) => e.primary)?.email ?? null, type: "User" }, scopes);
    }
    if (req.method === "GET" && url.pathname === "/user/emails") {
      return send(
        200,
        options.user.emails.map((e) => ({ ...e, visibility: e.primary ? "private" : null })),
        scopes,
      );
    }
    if (req.method === "GET" && url.pathname === "/user/repos") {
      const perPage = Math.min(100, Number(url.searchParams.get("per_page") ?? 30));
      const page = Math.max(1, Number(url.searchParams.get("page") ?? 1));
      const all = [...repos.values()];
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const slice = all.slice((page - 1) * perPage, page * perPage);
      const link = (p: number, rel: string) => {
        const next = new URL(`${baseUrl}/user/repos`);
        url.searchParams.forEach((v, k) => next.searchParams.set(k, v));
        next.searchParams.set("page", String(p));
        return `<${next.href}>; rel="${rel}"`;
      };
      const links = [
        page < last ? link(page + 1, "next") : null,
        page < last ? link(last, "last") : null,
        page > 1 ? link(1, "first") : null,
        page > 1 ? link(page - 1, "prev") : null,
      ].filter(Boolean);
      return send(
        200,
        slice.map((r) => repoJson(r)),
        { ...scopes, ...(links.length ? { link: links.join(", ") } : {}) },
      );
    }

    const repoPath = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (req.method === "GET" && repoPath) {
      const repo = repos.get(`${repoPath[1]}/${repoPath[2]}`.toLowerCase());
      if (!repo)
        return send(
          404,
          { message: "Not Found", documentation_url: `${docs}/repos/repos#get-a-repository`, status: "404" },
          scopes,
        );
      if (repo.forbidden)
        return send(
          403,
          { message: "Resource not accessible by personal access token", documentation_url: docs, status: "403" },
          scopes,
        );
      const rest = repoPath[3] ?? "";
      const sha = shaOf(repo);
      const branch = repo.defaultBranch ?? "main";
      if (rest === "") return send(200, repoJson(repo), scopes);
      const commit = /^\/commits\/(.+)$/.exec(rest);
      if (commit) {
        const ref = decodeURIComponent(commit[1]!);
        if (ref !== branch && ref !== sha)
          return send(
            422,
            { message: `No commit found for SHA: ${ref}`, documentation_url: docs, status: "422" },
            scopes,
          );
        return send(
          200,
          { sha, commit: { message: "Latest", author: { name: "Dev", date: new Date().toISOString() } } },
          scopes,
        );
      }
      const tarball = /^\/tarball\/(.+)$/.exec(rest);
      if (tarball) {
        const ref = decodeURIComponent(tarball[1]!);
        if (ref !== branch && ref !== sha) return send(404, { message: "Not Found", documentation_url: docs }, scopes);
        res.writeHead(302, {
          location: `${baseUrl}/_codeload/${repo.owner}/${repo.name}/legacy.tar.gz/${sha}`,
          ...headers(scopes),
        });
        return res.end();
      }
    }
    send(404, { message: "Not Found", documentation_url: docs });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  function repoJson(r: FakeRepo) {
    return {
      id: Math.abs(hash(`${r.owner}/${r.name}`)),
      name: r.name,
      full_name: `${r.owner}/${r.name}`,
      owner: { login: r.owner, id: 1, type: "User" },
      private: Boolean(r.private),
      default_branch: r.defaultBranch ?? "main",
      description: null,
      language: "TypeScript",
      pushed_at: "2026-11-01T00:00:00Z",
      html_url: `https://github.com/${r.owner}/${r.name}`,
    };
  }

  function issue(scope: string) {
    const code = `code_${Math.random().toString(36).slice(2)}`;
    codes.set(code, { token: `gho_${Math.random().toString(36).slice(2)}`, scope });
    return code;
  }

  return {
    baseUrl,
    requests,
    /** What GitHub does when the person approves: a one-time code for the app's callback. */
    issueCode: (scope = "") => issue(scope),
    /** The next `requests` API calls answer 403 "rate limit exceeded", until `seconds` from now. */
    exhaustRateLimit(requestsToRefuse: number, seconds: number) {
      rateLimited = { remaining: requestsToRefuse, until: Date.now() + seconds * 1000 };
    },
    /** A new commit: the repository's files change (and so does its sha). */
    setFiles(fullName: string, files: Record<string, string>) {
      const repo = repos.get(fullName.toLowerCase());
      if (!repo) throw new Error(`No fake repository ${fullName}`);
      repo.files = files;
    },
    addRepo(repo: FakeRepo) {
      repos.set(`${repo.owner}/${repo.name}`.toLowerCase(), { ...repo });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function hash(text: string) {
  let h = 0;
  for (const c of text) h = (Math.imul(31, h) + c.charCodeAt(0)) | 0;
  return h;
}

function readBody(req: http.IncomingMessage) {
  return new Promise<string>((resolve) => {
    let data = "";
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => resolve(data));
  });
}
