import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server";
import { startTestApp } from "../support/app-server";
import { CookieClient } from "../support/browserless-client";
import { createUser, createWorkspaceWith, TEST_PASSWORD } from "../support/factories";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const XSS_TITLE = `<img src=x onerror="window.__pwned=1">"'><script>window.__pwned=2</script>`;
const XSS_CODE = `console.log("</code></pre><script>window.__pwned=3</script>");\n// <iframe src="javascript:alert(1)"></iframe>`;

async function person(name: string) {
  const user = await createUser(name);
  const workspace = await createWorkspaceWith([{ userId: user.id, role: "OWNER" }]);
  const client = new CookieClient(app.baseUrl);
  await client.logIn(user.email, TEST_PASSWORD);
  return { user, workspace, client };
}

async function save(owner: Awaited<ReturnType<typeof person>>, body: Record<string, unknown>) {
  const res = await owner.client.request(`/w/${owner.workspace.id}/snippets/save`, {
    method: "POST",
    json: { language: "javascript", ...body },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; shareId: string; url: string };
}

const anonymous = (userAgent = "TestBrowser/1.0") => ({
  get: (path: string) =>
    fetch(new URL(path, app.baseUrl), { headers: { "user-agent": userAgent }, redirect: "manual" }),
});

describe("snippets", () => {
  it("are private by default: the link answers 404 to outsiders and logged-out visitors, and opens for the workspace", async () => {
    const ada = await person("Ada");
    const olga = await person("Olga");
    const snippet = await save(ada, { title: "Charge", code: "console.log(1)" });
    expect(snippet.shareId).toMatch(/^[A-Za-z0-9_-]{22}$/); // 128 random bits
    expect((await anonymous().get(snippet.url)).status).toBe(404);
    expect((await olga.client.request(snippet.url)).status).toBe(404);
    expect((await ada.client.request(snippet.url)).status).toBe(200);
    expect((await anonymous().get("/s/not-a-share-id")).status).toBe(404);
    expect((await anonymous().get(`/s/${"A".repeat(22)}`)).status).toBe(404);
    // Outsiders can't change it either.
    const forged = await olga.client.request(snippet.url, {
      method: "POST",
      form: { intent: "visibility", visibility: "PUBLIC" },
    });
    expect(forged.status).toBe(404);
  });

  it("once public, render on the server for logged-out visitors with hostile content shown as text", async () => {
    const ada = await person("Ada");
    const snippet = await save(ada, { title: XSS_TITLE, code: XSS_CODE, apiSlug: "stripe" });
    const made = await ada.client.request(snippet.url, {
      method: "POST",
      form: { intent: "visibility", visibility: "PUBLIC" },
    });
    expect(made.status).toBe(200);

    const res = await anonymous().get(snippet.url);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain("<script>window.__pwned");
    expect(html).not.toContain('<img src=x onerror="window.__pwned=1">');
    expect(html).not.toContain('<iframe src="javascript:alert(1)">');
    expect(html).toContain("&lt;script&gt;window.__pwned=3&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=");
    expect(html).toContain('class="hljs"'); // highlighted on the server
  });

  it("count a view once per viewer per day, and store no address", async () => {
    const ada = await person("Ada");
    const grace = await person("Grace");
    const snippet = await save(ada, { title: "Counted", code: "1" });
    await ada.client.request(snippet.url, { method: "POST", form: { intent: "visibility", visibility: "PUBLIC" } });
    const count = async (get: Promise<Response>) =>
      Number((await (await get).text()).match(/data-testid="view-count">(\d+)</)![1]);

    expect(await count(anonymous("Browser A").get(snippet.url))).toBe(2); // Ada's own visit above counted once
    expect(await count(anonymous("Browser A").get(snippet.url))).toBe(2); // a reload
    // Logged out, the viewer is their network: another User-Agent from it is the same viewer.
    expect(await count(anonymous("Browser B").get(snippet.url))).toBe(2);
    expect(await count(grace.client.request(snippet.url))).toBe(3);
    expect(await count(grace.client.request(snippet.url))).toBe(3);
    const views = await prisma.snippetView.findMany({ where: { snippetId: snippet.id } });
    expect(views).toHaveLength(3); // Ada, this network logged out, Grace
    for (const view of views) {
      expect(view.viewerKey).toMatch(/^[A-Za-z0-9_-]{43}$/); // an HMAC, nothing readable
      expect(view.viewerKey).not.toContain("127.0.0.1");
    }
  });

  it("fork into your own workspace, privately, with a forked-from link and a fork count", async () => {
    const ada = await person("Ada");
    const olga = await person("Olga");
    const snippet = await save(ada, { title: "Send an SMS", code: "console.log('sms')", apiSlug: "twilio" });
    expect(
      (
        await olga.client.request(snippet.url, {
          method: "POST",
          form: { intent: "fork", workspaceId: olga.workspace.id },
        })
      ).status,
    ).toBe(404); // private
    await ada.client.request(snippet.url, { method: "POST", form: { intent: "visibility", visibility: "PUBLIC" } });

    // Not into someone else's workspace.
    expect(
      (
        await olga.client.request(snippet.url, {
          method: "POST",
          form: { intent: "fork", workspaceId: ada.workspace.id },
        })
      ).status,
    ).toBe(404);
    const forked = await olga.client.request(snippet.url, {
      method: "POST",
      form: { intent: "fork", workspaceId: olga.workspace.id },
    });
    expect(forked.status).toBe(302);
    const location = forked.headers.get("location")!;
    expect(location).toMatch(/^\/s\/[A-Za-z0-9_-]{22}$/);

    const copy = await prisma.snippet.findUniqueOrThrow({ where: { shareId: location.slice(3) } });
    expect(copy).toMatchObject({
      workspaceId: olga.workspace.id,
      forkedFromId: snippet.id,
      visibility: "PRIVATE",
      code: "console.log('sms')",
      apiSlug: "twilio",
    });
    expect((await prisma.snippet.findUniqueOrThrow({ where: { id: snippet.id } })).forkCount).toBe(1);
    const page = await (await olga.client.request(location)).text();
    expect(page).toContain("Forked from");
    expect(page).toContain(`/s/${snippet.shareId}`);
    expect((await anonymous().get(location)).status).toBe(404); // the fork is private to Olga's workspace

    // Logged out, forking sends you to log in first.
    const loggedOut = await fetch(new URL(snippet.url, app.baseUrl), {
      method: "POST",
      body: new URLSearchParams({ intent: "fork", workspaceId: olga.workspace.id }),
      redirect: "manual",
    });
    expect(loggedOut.status).toBe(302);
    expect(loggedOut.headers.get("location")).toContain("/login");
  });

  it("validate what is saved", async () => {
    const ada = await person("Ada");
    const res = await ada.client.request(`/w/${ada.workspace.id}/snippets/save`, {
      method: "POST",
      json: { title: " ", language: "cobol", code: "" },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).fieldErrors).toMatchObject({
      title: "Give the snippet a title.",
      language: "Choose a language from the list.",
      code: "There is no code to save.",
    });
  });
});
