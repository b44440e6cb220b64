/**
 * Only same-site relative paths, so a crafted link cannot bounce people to another site.
 *
 * Checking the text is not enough: browsers drop tabs and line breaks from URLs and read
 * backslashes as slashes, so `/\t/evil.example` becomes `//evil.example` (another host) once
 * it is a Location header, and a CR or LF cannot go into a header at all. So the path is
 * refused if it holds any control character or whitespace other than a plain space, then
 * resolved the way a browser would against a placeholder origin, and kept only if it stays
 * on that origin; what is returned is the resolved path, never the raw input.
 */
const PLACEHOLDER = "http://redirect.invalid";

export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2000) return fallback;
  if (/[\u0000-\u001f\u007f\u0080-\u009f\\]/.test(to) || /[^\S ]/u.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, PLACEHOLDER);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER || url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
