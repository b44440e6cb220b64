/**
 * Web pages and server templates (.html, .erb, .ejs, .hbs, .twig, .blade.php, .jinja/.j2,
 * .vue, .svelte, .astro, …): where a provider's browser SDK is loaded from its CDN
 * (`<script src="https://js.stripe.com/v3">`) and its globals are called. Two views of the
 * file, the same length as it so lines and columns still point at the source: the markup with
 * comments blanked, and the scripts alone (inline `<script>` blocks, Vue and Svelte script
 * sections, Astro's front matter), which are read as JavaScript.
 */
const COMMENTS = [
  /<!--[\s\S]*?(?:-->|$)/g, // HTML
  /\{#[\s\S]*?(?:#\}|$)/g, // Jinja, Twig, Nunjucks
  /\{\{!--[\s\S]*?(?:--\}\}|$)/g, // Handlebars
  /\{\{![\s\S]*?\}\}/g, // Handlebars, Mustache
  /<%#[\s\S]*?(?:%>|$)/g, // ERB, EJS
  /\{\{--[\s\S]*?(?:--\}\}|$)/g, // Blade
];

const blank = (text: string) => text.replace(/[^\n]/g, " ");

export function markupView(text: string) {
  let out = text;
  for (const pattern of COMMENTS) out = out.replace(pattern, blank);
  return out;
}

const SCRIPT_BLOCK = /(<script\b[^>]*>)([\s\S]*?)(<\/script\s*>|$)/gi;

/** Only the scripts of a page, everything else blanked. JSON and template scripts are not code. */
export function scriptView(markup: string) {
  const parts: string[] = [];
  let last = 0;
  for (const m of markup.matchAll(SCRIPT_BLOCK)) {
    const open = m[1]!;
    const bodyStart = m.index + open.length;
    parts.push(blank(markup.slice(last, bodyStart)));
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(open)?.[1]?.toLowerCase();
    const code = !type || /javascript|module|ecmascript|babel|jsx|tsx|typescript/.test(type);
    parts.push(code ? m[2]! : blank(m[2]!));
    last = bodyStart + m[2]!.length;
  }
  parts.push(blank(markup.slice(last)));
  let view = parts.join("");
  // Astro's front matter (between the first two "---" lines) is the page's server code.
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(markup);
  if (frontMatter) view = frontMatter[0] + view.slice(frontMatter[0].length);
  return view;
}

/** Every script a page loads from a URL: the URL (protocol-relative ones made absolute) and where its tag starts. */
export function scriptSources(markup: string): { url: string; index: number }[] {
  const out: { url: string; index: number }[] = [];
  for (const m of markup.matchAll(/<script\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)/gi)) {
    const src = m[1]!;
    const url = src.startsWith("//") ? `https:${src}` : src;
    if (/^https?:\/\//i.test(url)) out.push({ url, index: m.index + m[0].length - src.length });
  }
  return out;
}
