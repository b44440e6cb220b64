import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "~/db/client.server";
import { startDueRescans } from "~/scans/scans.server";
import { startTestApp } from "../support/app-server";
import { CookieClient } from "../support/browserless-client";
import { organizationWithPeople, TEST_PASSWORD } from "../support/factories";
import { startFakeGithub } from "../support/fake-github";
import { manyRepos, SHOP_FILES } from "../support/scan-fixtures";

/**
 * Scanning GitHub repositories end to end over HTTP: the real octokit against a server
 * speaking GitHub's REST wire format (pagination, tarballs behind a redirect, rate-limit
 * headers, 403 and 404), scans as background jobs in the app server, history and
 * scheduled rescans.
 */
const clientId = "Iv1.scanclient";
const clientSecret = "scan-client-secret";
const PAT = "ghp_scanTestToken0123456789abcdefABCDEF";
let github: Awaited<ReturnType<typeof startFakeGithub>>;
let app: Awaited<ReturnType<typeof startTestApp>>;
let workspaceId: string;
const people = {} as Record<"owner" | "member" | "viewer" | "outsider", CookieClient>;

beforeAll(async () => {
  github = await startFakeGithub({
    clientId,
    clientSecret,
    user: {
      id: 42,
      login: "acme-bot",
      name: "Acme Bot",
      emails: [{ email: "bot@acme.example", primary: true, verified: true }],
    },
    tokens: { [PAT]: ["repo", "read:user"] },
    repos: [
      { owner: "acme", name: "shop", files: SHOP_FILES },
      { owner: "acme", name: "vault", files: { "a.js": "" }, forbidden: true, private: true },
      ...manyRepos("acme", 150),
    ],
  });
  app = await startTestApp({
    GITHUB_CLIENT_ID: clientId,
    GITHUB_CLIENT_SECRET: clientSecret,
    GITHUB_API_URL: github.baseUrl,
    JOB_POLL_SECONDS: "0.5",
  });
  const { workspace, ...users } = await organizationWithPeople();
  workspaceId = workspace.id;
  for (const key of Object.keys(users) as (keyof typeof users)[]) {
    people[key] = new CookieClient(app.baseUrl);
    await people[key].logIn(users[key].email, TEST_PASSWORD);
  }
});
afterAll(async () => {
  await app.close();
  await github.close();
});

const page = () => `/w/${workspaceId}/scans`;
const post = (who: CookieClient, form: Record<string, string>) =>
  who.request(page(), { method: "POST", form, headers: { origin: app.baseUrl } });

async function actionData(response: Response) {
  const text = await response.text();
  return { status: response.status, text };
}

async function startScan(who: CookieClient, repo: string) {
  const [owner, name] = repo.split("/");
  const response = await post(who, { intent: "scan-repo", owner: owner!, repo: name! });
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toMatch(new RegExp(`^/w/${workspaceId}/scans\\?scan=`));
  const scan = await prisma.scan.findFirstOrThrow({
    where: { workspaceId, target: { label: repo } },
    orderBy: { createdAt: "desc" },
  });
  return scan;
}

async function finished(scanId: string, timeoutMs = 30_000) {
  return vi.waitFor(
    async () => {
      const scan = await prisma.scan.findUniqueOrThrow({ where: { id: scanId }, include: { job: true } });
      if (["SUCCEEDED", "FAILED", "CANCELLED"].includes(scan.job.status)) return scan;
      throw new Error(`scan still ${scan.job.status}: ${scan.job.message}`);
    },
    { timeout: timeoutMs, interval: 200 },
  );
}

describe("connecting GitHub", () => {
  it("refuses a token GitHub does not accept, with a readable message", async () => {
    const { status, text } = await actionData(
      await post(people.owner, { intent: "connect-token", token: "ghp_notAValidTokenAtAll0000000000" }),
    );
    expect(status).toBe(400);
    expect(text).toContain("GitHub did not accept the token");
  });

  it("lets only owners and admins connect", async () => {
    expect((await post(people.member, { intent: "connect-token", token: PAT })).status).toBe(403);
  });

  it("refuses Enterprise addresses that are not public https servers", async () => {
    const { status, text } = await actionData(
      await post(people.owner, { intent: "connect-token", token: PAT, baseUrl: "http://169.254.169.254/latest" }),
    );
    expect(status).toBe(400);
    expect(text).toContain("must start with https://");
  });

  it("connects with a personal access token, stored encrypted and never shown", async () => {
    const { status, text } = await actionData(await post(people.owner, { intent: "connect-token", token: PAT }));
    expect(status).toBe(200);
    expect(text).toContain("Connected to GitHub as acme-bot");
    const row = await prisma.githubConnection.findUniqueOrThrow({ where: { workspaceId } });
    expect(row).toMatchObject({
      method: "token",
      login: "acme-bot",
      scopes: ["repo", "read:user"],
      tokenLast4: "CDEF",
    });
    expect(row.tokenCiphertext).not.toContain(PAT);
    const html = await (await people.member.request(page())).text();
    expect(html).toContain("acme-bot");
    expect(html).not.toContain(PAT);
  });

  it("lists every repository the token can read, following GitHub's Link pagination", async () => {
    const response = await people.member.request(`${page()}/repos`);
    expect(response.status).toBe(200);
    const { repos } = (await response.json()) as { repos: { fullName: string }[] };
    expect(repos).toHaveLength(152);
    expect(repos.map((r) => r.fullName)).toContain("acme/service-149");
    expect(
      github.requests
        .filter((r) => r.path.startsWith("/user/repos"))
        .map((r) => new URL(r.path, "http://x").searchParams.get("page") ?? "1"),
    ).toEqual(["1", "2"]);
  });
});

describe("scanning a repository", () => {
  let scanId: string;

  it("runs as a background job with progress, at the branch's current commit", async () => {
    const scan = await startScan(people.member, "acme/shop");
    scanId = scan.id;
    const done = await finished(scan.id);
    expect(done.job.status).toBe("SUCCEEDED");
    expect(done.job.progressTotal).toBeGreaterThan(3);
    expect(done.job.progressDone).toBe(done.job.progressTotal);
    expect(done.commitSha).toMatch(/^[0-9a-f]{40}$/);
    expect(done.providersUsed.sort()).toEqual(["openai", "stripe"]);
    // The tarball came through GitHub's redirect to codeload.
    expect(github.requests.some((r) => r.path.startsWith("/repos/acme/shop/tarball/"))).toBe(true);
    expect(github.requests.some((r) => r.path.startsWith("/_codeload/acme/shop/"))).toBe(true);
  });

  it("shows the job's progress to members and to nobody else", async () => {
    const scan = await prisma.scan.findUniqueOrThrow({ where: { id: scanId } });
    const mine = await people.viewer.request(`/api/jobs/${scan.jobId}`);
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as { job: { status: string } }).job.status).toBe("SUCCEEDED");
    expect((await people.outsider.request(`/api/jobs/${scan.jobId}`)).status).toBe(404);
    expect((await people.outsider.request(page())).status).toBe(404);
  });

  it("shows the inventory, findings with code, costs and recommendations on the page", async () => {
    const html = await (await people.viewer.request(`${page()}?scan=${scanId}`)).text();
    expect(html).toContain("Inventory");
    expect(html).toContain("<svg");
    expect(html).toContain("paymentIntents.retrieve");
    expect(html).toContain("Cache Stripe retrievePaymentIntent results");
    expect(html).toContain("Send OpenAI createEmbedding inputs together");
    expect(html).toMatch(/\d+ keys? nothing in this code uses/);
    expect(html).toContain("SENDGRID_API_KEY (SendGrid) is set in");
    expect(html).toContain("com.squareup.okhttp3");
    expect(html).toContain("lockfile");
  });

  it("exports the result as JSON and SARIF", async () => {
    const json = await people.viewer.request(`${page()}/${scanId}/export?format=json`);
    expect(json.headers.get("content-disposition")).toMatch(/attachment; filename="scan-acme_shop-/);
    const body = (await json.json()) as {
      result: { providers: { provider: string; verdict: string }[] };
      cost: { recommendations: { kind: string }[] };
    };
    expect(
      body.result.providers
        .filter((p) => p.verdict === "uses")
        .map((p) => p.provider)
        .sort(),
    ).toEqual(["openai", "stripe"]);
    expect(body.cost.recommendations.map((r) => r.kind)).toEqual(
      expect.arrayContaining(["caching", "batching", "unused-keys"]),
    );
    const sarif = (await (await people.viewer.request(`${page()}/${scanId}/export?format=sarif`)).json()) as {
      version: string;
      runs: { results: unknown[] }[];
    };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(3);
  });

  it("lets viewers look but not scan", async () => {
    expect((await post(people.viewer, { intent: "scan-repo", owner: "acme", repo: "shop" })).status).toBe(403);
  });

  it("waits out GitHub's rate limit, then continues", async () => {
    github.exhaustRateLimit(1, 2);
    const scan = await startScan(people.member, "acme/shop");
    const done = await finished(scan.id);
    expect(done.job.status).toBe("SUCCEEDED");
    const refused = github.requests.filter((r) => r.path.startsWith("/repos/acme/shop/commits/"));
    expect(refused.length).toBeGreaterThanOrEqual(2); // the refused request, then the retry after the reset
  });

  it("fails with a clear message when the repository does not exist or the token has no access", async () => {
    const missing = await finished((await startScan(people.member, "acme/nope")).id);
    expect(missing.job).toMatchObject({
      status: "FAILED",
      error: "GitHub says acme/nope does not exist, or the token cannot see it.",
    });
    const vault = await finished((await startScan(people.member, "acme/vault")).id);
    expect(vault.job.status).toBe("FAILED");
    expect(vault.job.error).toContain("no access to acme/vault");
    const html = await (await people.member.request(page())).text();
    expect(html).toContain("does not exist, or the token cannot see it");
  });

  it("cancels a running scan from the page", async () => {
    github.exhaustRateLimit(1, 3);
    const scan = await startScan(people.member, "acme/shop");
    for (let i = 0; ; i++) {
      const job = await prisma.backgroundJob.findUniqueOrThrow({ where: { id: scan.jobId } });
      if (job.status === "RUNNING" && /rate limit/.test(job.message ?? "")) break;
      if (i > 100) throw new Error(`never waited for the rate limit: ${job.status} ${job.message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await post(people.viewer, { intent: "cancel", scanId: scan.id })).status).toBe(403);
    const cancel = await post(people.member, { intent: "cancel", scanId: scan.id });
    expect(cancel.status).toBe(200);
    const done = await finished(scan.id);
    expect(done.job.status).toBe("CANCELLED");
    expect(done.summary).toBeNull();
  });

  it("fails clearly when the rate limit lasts too long to wait", async () => {
    github.exhaustRateLimit(100, 7200);
    const scan = await finished((await startScan(people.member, "acme/shop")).id);
    github.exhaustRateLimit(0, 0);
    expect(scan.job.status).toBe("FAILED");
    expect(scan.job.error).toMatch(/rate limit is used up until \d\d:\d\d UTC/);
  });
});

describe("rescans", () => {
  it("rescans on a schedule and keeps a history of what changed", async () => {
    const target = await prisma.scanTarget.findFirstOrThrow({ where: { workspaceId, label: "acme/shop" } });
    const set = await post(people.member, { intent: "set-cadence", targetId: target.id, cadence: "WEEKLY" });
    expect(set.status).toBe(200);
    const scheduled = await prisma.scanTarget.findUniqueOrThrow({ where: { id: target.id } });
    expect(scheduled.cadence).toBe("WEEKLY");
    expect(scheduled.nextRunAt!.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);

    // A week passes; meanwhile the code moved from Stripe to Resend.
    github.setFiles("acme/shop", {
      "src/mail.ts": `import { Resend } from "resend";\nnew Resend(process.env.RESEND_API_KEY).emails.send({});`,
      "src/search/embed.ts": SHOP_FILES["src/search/embed.ts"]!,
    });
    const weekLater = new Date(scheduled.nextRunAt!.getTime() + 60_000);
    expect(await startDueRescans(weekLater)).toBe(1);
    expect(await startDueRescans(weekLater)).toBe(0); // claimed once, even if two servers tick
    const rescan = await prisma.scan.findFirstOrThrow({ where: { targetId: target.id, trigger: "schedule" } });
    const done = await finished(rescan.id);
    expect(done.providersUsed.sort()).toEqual(["openai", "resend"]);
    const next = await prisma.scanTarget.findUniqueOrThrow({ where: { id: target.id } });
    expect(next.nextRunAt!.getTime()).toBeGreaterThan(weekLater.getTime() + 6 * 86_400_000);

    const html = await (await people.member.request(page())).text();
    expect(html).toContain("+Resend");
    expect(html).toContain("−Stripe");
    expect(html).toContain("scheduled");
  });
});

describe("connecting GitHub through the OAuth app", () => {
  it("asks for the repo scope in a separate connect flow and stores the OAuth token", async () => {
    const start = await people.owner.request(`${page()}/github/connect`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get("location")!);
    expect(authorize.origin + authorize.pathname).toBe(`${github.baseUrl}/login/oauth/authorize`);
    expect(authorize.searchParams.get("scope")?.split(/[ ,]/)).toEqual(["repo", "read:user"]);
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${app.baseUrl}/auth/github/callback/connect`);
    const approved = await fetch(authorize, { redirect: "manual" });
    const callback = new URL(approved.headers.get("location")!);
    const finish = await people.owner.request(callback.pathname + callback.search);
    expect(finish.status).toBe(302);
    expect(finish.headers.get("location")).toBe(page());
    const row = await prisma.githubConnection.findUniqueOrThrow({ where: { workspaceId } });
    expect(row).toMatchObject({ method: "oauth", login: "acme-bot" });
    expect(row.scopes).toContain("repo");
  });

  it("refuses a callback with a forged state", async () => {
    await people.owner.request(`${page()}/github/connect`);
    const forged = await people.owner.request(
      `/auth/github/callback/connect?code=${github.issueCode("repo")}&state=forged`,
    );
    expect(forged.status).toBe(400);
  });
});
