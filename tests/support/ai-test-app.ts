import { startFakeAnthropic, type FakeAnthropicOptions } from "./fake-anthropic";

/** The app's server key in AI tests; the fake Anthropic accepts only it. */
export const AI_TEST_SERVER_KEY = "sk-ant-test-server-key";

/**
 * An AI test app's outside world: the fake Anthropic (the real SDK's wire format), with this
 * process's environment pointing the app at it. Await it at the top of a test file, before
 * importing any app code: the app reads its configuration once.
 */
export async function fakeAnthropicForTheApp(options: Omit<FakeAnthropicOptions, "apiKey"> = {}) {
  const fake = await startFakeAnthropic({ apiKey: AI_TEST_SERVER_KEY, ...options });
  process.env.ANTHROPIC_API_KEY = AI_TEST_SERVER_KEY;
  process.env.ANTHROPIC_BASE_URL = fake.baseUrl;
  return fake;
}
