/** POSTs JSON to one of the app's endpoints; answers the JSON, or the person-readable error. */
export async function postJson<T>(
  url: string,
  body: unknown,
): Promise<{ ok: true; data: T } | { ok: false; error: string; status: number }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, error: "The app could not be reached. Check your connection and try again." };
  }
  const payload = (await response.json().catch(() => null)) as ({ error?: string } & T) | null;
  if (response.ok && payload) return { ok: true, data: payload };
  return { ok: false, status: response.status, error: payload?.error ?? `Something went wrong (${response.status}).` };
}
