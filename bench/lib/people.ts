import pg from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";

/**
 * Benchmark participants: real accounts (signed up through the app), made members of
 * the demo workspace, each logged in in a browser context of their own.
 */
export async function createParticipants(baseUrl: string, databaseUrl: string, count: number) {
  const people: { name: string; email: string; password: string }[] = [];
  for (let i = 0; i < count; i++) {
    const person = {
      name: `Bench Person ${i + 1}`,
      email: `bench-${Date.now()}-${i}@bench.example`,
      password: "bench-password-1",
    };
    const res = await fetch(`${baseUrl}/signup`, {
      method: "POST",
      body: new URLSearchParams(person),
      redirect: "manual",
    });
    if (res.status !== 302) throw new Error(`sign-up failed: ${res.status}`);
    people.push(person);
  }
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(
    `INSERT INTO "WorkspaceMembership" (id, "workspaceId", "userId", role)
     SELECT gen_random_uuid(), w.id, u.id, 'MEMBER' FROM "Workspace" w, "User" u
     WHERE w.name = 'Acme Platform' AND u.email = ANY($1)`,
    [people.map((p) => p.email)],
  );
  await db.end();
  return people;
}

export async function logIn(
  browser: Browser,
  baseUrl: string,
  person: { email: string; password: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/workspaces$/);
  return { context, page };
}

/** The URL of a demo document, found through the workspace page like a person would. */
export async function demoDocumentUrl(page: Page, title: string) {
  await page.goto("/workspaces");
  await page.getByRole("link", { name: "Acme Platform" }).click();
  await page.getByRole("link", { name: title }).click();
  await page.waitForURL(/\/d\//);
  return page.url();
}
