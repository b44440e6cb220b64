import type { CodeLanguage } from "./providers";

/**
 * Blanks out comments (and Python docstrings) so that "// TODO: move to Stripe" or an
 * example in a docstring is never taken for usage. Strings are kept: URLs and import paths
 * live in them, and "//" inside "https://…" is not a comment. Every character of a comment
 * becomes a space and newlines stay, so line and column numbers still point at the source.
 */
type Syntax = {
  line: string[];
  block: [string, string] | null;
  quotes: string;
  /** Quotes whose strings cannot contain escapes (Go raw strings). */
  rawQuotes?: string;
  triple?: boolean;
  regexLiterals?: boolean;
  /** PHP 8 attributes start with "#[" and are code, not a comment. */
  hashBracketIsCode?: boolean;
  /** Ruby's =begin … =end block comments start at the beginning of a line. */
  rubyBlock?: boolean;
  docstrings?: boolean;
};

const SYNTAX: Record<CodeLanguage, Syntax> = {
  js: { line: ["//"], block: ["/*", "*/"], quotes: "\"'`", regexLiterals: true },
  go: { line: ["//"], block: ["/*", "*/"], quotes: "\"'`", rawQuotes: "`" },
  java: { line: ["//"], block: ["/*", "*/"], quotes: "\"'", triple: true },
  php: { line: ["//", "#"], block: ["/*", "*/"], quotes: "\"'", hashBracketIsCode: true },
  python: { line: ["#"], block: null, quotes: "\"'", triple: true, docstrings: true },
  ruby: { line: ["#"], block: null, quotes: "\"'", rubyBlock: true },
  // Templates are read through their script view (templates.ts), which is JavaScript.
  html: { line: ["//"], block: ["/*", "*/"], quotes: "\"'`", regexLiterals: true },
};

const NEWLINE = 10;
const BACKSLASH = 92;

/** Characters after which a "/" starts a regular expression literal rather than a division. */
const REGEX_PRECEDERS = new Set("(,=:[!&|?{};~+-*%<>^".split(""));
const REGEX_KEYWORDS = /(?:^|[^\w$])(?:return|typeof|case|do|else|in|of|void|yield|await|throw|delete)\s*$/;

/** Per language, the first characters that can start a comment, a string or a regex: all others are skipped fast. */
const STARTERS = new Map(
  (Object.entries(SYNTAX) as [CodeLanguage, Syntax][]).map(([language, syntax]) => {
    const table = new Uint8Array(128);
    const chars = [
      ...syntax.line.map((m) => m[0]!),
      syntax.block?.[0][0],
      ...syntax.quotes,
      syntax.regexLiterals ? "/" : undefined,
      syntax.rubyBlock ? "=" : undefined,
    ];
    for (const c of chars) if (c) table[c.charCodeAt(0)] = 1;
    return [language, table];
  }),
);

export function stripComments(text: string, language: CodeLanguage): string {
  const ranges = commentRanges(text, language);
  const out: string[] = [];
  let copyFrom = 0;
  for (let r = 0; r < ranges.length; r += 2) {
    out.push(text.slice(copyFrom, ranges[r]), text.slice(ranges[r], ranges[r + 1]).replace(/[^\n]/g, " "));
    copyFrom = ranges[r + 1]!;
  }
  out.push(text.slice(copyFrom));
  return out.join("");
}

/**
 * Where the comments are: [start, end, start, end, …] in order. The scanner asks whether a
 * match sits in a comment instead of building a blanked copy of every file it reads.
 */
export function commentRanges(text: string, language: CodeLanguage): number[] {
  const syntax = SYNTAX[language];
  const starters = STARTERS.get(language)!;
  const ranges: number[] = [];
  let i = 0;
  const n = text.length;

  const blank = (start: number, end: number) => {
    ranges.push(start, end);
  };

  while (i < n) {
    const code = text.charCodeAt(i);
    if (code >= 128 || starters[code] === 0) {
      i++;
      continue;
    }
    const ch = text[i]!;

    if (
      syntax.rubyBlock &&
      ch === "=" &&
      (i === 0 || text.charCodeAt(i - 1) === NEWLINE) &&
      text.startsWith("=begin", i)
    ) {
      const endMarker = text.indexOf("\n=end", i);
      const end = endMarker < 0 ? n : lineEnd(text, endMarker + 1);
      blank(i, end);
      i = end;
      continue;
    }

    if (syntax.block && text.startsWith(syntax.block[0], i)) {
      const close = text.indexOf(syntax.block[1], i + syntax.block[0].length);
      const end = close < 0 ? n : close + syntax.block[1].length;
      blank(i, end);
      i = end;
      continue;
    }

    const line = syntax.line.find((marker) => text.startsWith(marker, i));
    if (line && !(syntax.hashBracketIsCode && line === "#" && text[i + 1] === "[")) {
      const end = lineEnd(text, i);
      blank(i, end);
      i = end;
      continue;
    }

    if (syntax.quotes.includes(ch)) {
      if (syntax.triple && text.startsWith(ch.repeat(3), i)) {
        const close = text.indexOf(ch.repeat(3), i + 3);
        const end = close < 0 ? n : close + 3;
        if (syntax.docstrings && startsStatement(text, i)) blank(i, end);
        i = end;
        continue;
      }
      i = stringEnd(text, i, ch, syntax.rawQuotes?.includes(ch) ?? false);
      continue;
    }

    if (syntax.regexLiterals && ch === "/" && looksLikeRegex(text, i)) {
      i = regexEnd(text, i);
      continue;
    }

    i++;
  }
  return ranges;
}

/** Whether an offset lies outside every comment of `ranges` (from commentRanges). */
export function outsideComments(ranges: number[], at: number) {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (at < ranges[mid * 2]!) hi = mid - 1;
    else if (at >= ranges[mid * 2 + 1]!) lo = mid + 1;
    else return false;
  }
  return true;
}

function lineEnd(text: string, from: number) {
  const end = text.indexOf("\n", from);
  return end < 0 ? text.length : end;
}

/** Index just past the closing quote; a string never runs past its line unless the quote allows it. */
function stringEnd(text: string, start: number, quote: string, raw: boolean) {
  const multiline = quote === "`";
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!raw && c === BACKSLASH) {
      i++;
      continue;
    }
    if (text[i] === quote) return i + 1;
    if (c === NEWLINE && !multiline) return i;
  }
  return text.length;
}

function startsStatement(text: string, at: number) {
  let j = at - 1;
  while (j >= 0 && (text[j] === " " || text[j] === "\t")) j--;
  // A prefix such as r"""…""" or f"""…""" is still a statement start.
  if (j >= 0 && /[rRuUbBfF]/.test(text[j]!) && (j === 0 || /\s/.test(text[j - 1]!))) j--;
  return j < 0 || text[j] === "\n";
}

function looksLikeRegex(text: string, at: number) {
  const next = text[at + 1];
  if (next === "/" || next === "*" || next === undefined) return false;
  let j = at - 1;
  while (j >= 0 && (text[j] === " " || text[j] === "\t")) j--;
  if (j < 0 || text[j] === "\n") return true;
  if (REGEX_PRECEDERS.has(text[j]!)) return true;
  return REGEX_KEYWORDS.test(text.slice(Math.max(0, j - 12), j + 1));
}

function regexEnd(text: string, start: number) {
  let inClass = false;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "\n") return i;
    if (inClass) {
      if (c === "]") inClass = false;
    } else if (c === "[") inClass = true;
    else if (c === "/") return i + 1;
  }
  return text.length;
}
