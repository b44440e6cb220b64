/**
 * Replaces every secret value the sender used (and headers built from them) with a mask,
 * whatever its letter case and in its URL-encoded form too: a secret that ended up in a host
 * name comes back lower-cased in the error, and one in a query string comes back encoded.
 */
export function redactor(secrets: ReadonlyMap<string, string>, sentHeaders: [string, string][]) {
  const needles = new Set<string>();
  for (const value of secrets.values()) {
    if (value.length < 4) continue;
    needles.add(value);
    needles.add(encodeURIComponent(value));
    needles.add(new URLSearchParams({ v: value }).toString().slice(2));
    for (const [, header] of sentHeaders) {
      if (!header.includes(value)) continue;
      needles.add(header);
      const credential = header.split(" ").at(-1)!;
      if (credential.length >= 4) needles.add(credential);
    }
  }
  for (const [name, header] of sentHeaders) {
    // Basic auth is base64 of user:password: an echo would show the encoded secret.
    if (name.toLowerCase() === "authorization" && /^Basic /i.test(header)) {
      const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
      if ([...secrets.values()].some((v) => v.length >= 4 && decoded.includes(v))) {
        needles.add(header);
        needles.add(header.slice(6));
      }
    }
  }
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text: string) => text;
  const pattern = new RegExp(ordered.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "giu");
  return (text: string) => text.replace(pattern, "••••••");
}
