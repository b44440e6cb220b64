import { expect, test } from "@playwright/test";
import { startDnsServer } from "../support/dns-server";
import { startOidcProvider } from "../support/oidc-idp";
import { newPerson } from "./support/users";

/**
 * An owner connects the organisation's identity provider (oidc-provider, run here) and
 * verifies a domain (a name server run here, on the port the app was told); a colleague then
 * signs in through the provider and lands in the organisation's workspace.
 */
test("an owner sets up single sign-on, and a colleague signs in through the identity provider", async ({ browser }) => {
  const domain = `corp-${Date.now().toString(36)}.test`;
  const dns = await startDnsServer({ port: Number(process.env.E2E_DNS_PORT) });
  const idp = await startOidcProvider({
    clientId: "e2e-workspaces",
    clientSecret: "e2e-client-secret-value",
    redirectUris: [`${process.env.E2E_BASE_URL}/auth/sso/callback`],
    accounts: { "dana-1": { email: `dana@${domain}`, email_verified: true, name: "Dana Scully" } },
  });
  try {
    const owner = await newPerson(browser, "Sso Owner");
    await owner.page.getByRole("link", { name: "My workspace" }).click();
    await owner.page.getByRole("link", { name: "Single sign-on" }).click();
    const settings = owner.page;
    await settings.getByLabel("Issuer URL").fill(idp.issuer);
    await settings.getByLabel("Client ID").fill("e2e-workspaces");
    await settings.getByLabel("Client secret").fill("e2e-client-secret-value");
    await settings.getByRole("button", { name: "Connect and check" }).click();
    await expect(settings.getByText("Saved: the identity provider answered.")).toBeVisible();
    await expect(settings.getByTestId("sso-status")).toContainText("nobody has signed in through it yet");

    await settings.getByRole("textbox", { name: "Domain" }).fill(domain);
    await settings.getByRole("button", { name: "Add domain" }).click();
    const value = await settings.getByTestId("txt-value").textContent();
    dns.setTxt(`_apimarketplace-challenge.${domain}`, value!);
    await settings.getByRole("button", { name: "Check the record" }).click();
    await expect(settings.getByTestId(`domain-${domain}`)).toContainText("Verified");

    const colleague = await browser.newContext();
    const page = await colleague.newPage();
    await page.goto("/login");
    await page.getByLabel("Work e-mail address").fill(`dana@${domain}`);
    await page.getByRole("button", { name: "Continue with single sign-on" }).click();
    await expect(page.getByRole("heading", { name: "Acme identity" })).toBeVisible();
    await page.getByLabel("Email").fill(`dana@${domain}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/workspaces$/);
    await expect(page.getByTestId("signed-in-as")).toHaveText("Dana Scully");
    await expect(page.getByRole("link", { name: "My workspace" })).toBeVisible();

    // The sign-in proved the provider works: the owner may now require it for the domain.
    await settings.reload();
    await settings.getByRole("button", { name: `Require SSO for @${domain}` }).click();
    await expect(settings.getByText(`Addresses at ${domain} must now sign in with single sign-on.`)).toBeVisible();
    await colleague.close();
    await owner.context.close();
  } finally {
    await idp.close();
    await dns.close();
  }
});
