/**
 * A minimal HTTP client that keeps cookies, for testing the app's endpoints the way a
 * browser without JavaScript would use them (form posts, redirects, JSON endpoints).
 */
export class CookieClient {
  private cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async request(path: string, init: RequestInit & { form?: Record<string, string>; json?: unknown } = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    let body = init.body;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers.set("content-type", "application/x-www-form-urlencoded");
    } else if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers.set("content-type", "application/json");
    }
    const response = await fetch(new URL(path, this.baseUrl), { ...init, body, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const index = pair!.indexOf("=");
      const name = pair!.slice(0, index);
      const value = pair!.slice(index + 1);
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  hasCookie(name: string) {
    return this.cookies.has(name);
  }

  async logIn(email: string, password: string) {
    const response = await this.request("/login", { method: "POST", form: { email, password } });
    if (response.status !== 302)
      throw new Error(`log in as ${email} failed: ${response.status} ${await response.text()}`);
    return response;
  }
}
