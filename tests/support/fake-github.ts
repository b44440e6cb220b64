import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local server that speaks the parts of GitHub's wire format the app uses, for the
 * real octokit to talk to: the OAuth web flow's token exchange and the REST API's user
 * endpoints (JSON bodies, status codes and headers as github.com sends them).
 * Add routes here as capabilities need them.
 */
export type FakeGithubUser = { id: number; login: string; name: string | null; emails: { email: string; primary: boolean; verified: boolean }[] };

export async function startFakeGithub(options: { clientId: string; clientSecret: string; user: FakeGithubUser }) {
  const codes = new Map<string, string>(); // OAuth code -> token
  const tokens = new Set<string>();
  const requests: { method: string; path: string; authorization?: string }[] = [];

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    requests.push({ method: req.method ?? "GET", path: url.pathname, authorization: req.headers.authorization });
    const body = await readBody(req);
    const send = (status: number, data: unknown) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", "x-ratelimit-remaining": "4999" });
      res.end(JSON.stringify(data));
    };

    if (req.method === "POST" && url.pathname === "/login/oauth/access_token") {
      const params = req.headers["content-type"]?.includes("json") ? JSON.parse(body || "{}") : Object.fromEntries(new URLSearchParams(body));
      if (params.client_id !== options.clientId || params.client_secret !== options.clientSecret) {
        return send(200, { error: "incorrect_client_credentials", error_description: "The client_id and/or client_secret passed are incorrect." });
      }
      const token = codes.get(params.code);
      if (!token) return send(200, { error: "bad_verification_code", error_description: "The code passed is incorrect or expired." });
      codes.delete(params.code);
      tokens.add(token);
      return send(200, { access_token: token, token_type: "bearer", scope: "read:user,user:email" });
    }

    const token = req.headers.authorization?.replace(/^(token|bearer) /i, "");
    if (!token || !tokens.has(token)) return send(401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
    if (req.method === "GET" && url.pathname === "/user") {
      const { emails, ...profile } = options.user;
      return send(200, { ...profile, email: emails.find((e) => e.primary)?.email ?? null, type: "User" });
    }
    if (req.method === "GET" && url.pathname === "/user/emails") {
      return send(200, options.user.emails.map((e) => ({ ...e, visibility: e.primary ? "private" : null })));
    }
    send(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    /** What GitHub does when the person approves: a one-time code for the app's callback. */
    issueCode() {
      const code = `code_${Math.random().toString(36).slice(2)}`;
      codes.set(code, `gho_${Math.random().toString(36).slice(2)}`);
      return code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readBody(req: http.IncomingMessage) {
  return new Promise<string>((resolve) => {
    let data = "";
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => resolve(data));
  });
}
