import { startFakeGithub } from "../../support/fake-github";
import { manyRepos, PLATFORM_FILES } from "../../support/scan-fixtures";

/**
 * The GitHub the end-to-end app talks to (GITHUB_API_URL): a fake speaking GitHub's wire
 * format, with the demo organisation's storefront repository and a token that reads it.
 * scripts/test.ts starts it before the app and hands the token to the tests.
 */
export const E2E_GITHUB_TOKEN = "ghp_e2eStorefrontToken0123456789abcd";

export function startE2eGithub() {
  return startFakeGithub({
    user: {
      id: 7,
      login: "acme-robotics",
      name: "Acme Robotics",
      emails: [{ email: "dev@acme.example", primary: true, verified: true }],
    },
    tokens: { [E2E_GITHUB_TOKEN]: ["repo", "read:user"] },
    repos: [{ owner: "acme-robotics", name: "storefront", files: PLATFORM_FILES }, ...manyRepos("acme-robotics", 30)],
  });
}
