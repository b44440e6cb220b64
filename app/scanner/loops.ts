import type { CodeLanguage } from "./providers";
import type { LineIndex } from "./text";

/**
 * Whether a call sits inside a loop, and whether a cache is in sight, read from the code's
 * indentation: walk up from the call to each line indented less than the one below it (the
 * headers of the blocks that contain the call) until a function starts. Formatters indent
 * every language this way, so one rule serves all six without six parsers.
 */
const LOOP_HEADER: Record<SourceLanguage, RegExp> = {
  js: /^\s*(for\s*(await\s*)?\(|while\s*\(|do\s*\{)|\.(forEach|map|flatMap|reduce|filter|some|every|forEachAsync)\s*\(|\bfor\s+await\b|\b(pMap|mapLimit|eachLimit|eachSeries)\s*\(/,
  python: /^\s*(async\s+)?(for|while)\b/,
  go: /^\s*for\b/,
  java: /^\s*(for|while|do)\b|\.forEach\s*\(|\.stream\(\)|\.map\s*\{|\.forEach\s*\{/,
  ruby: /\.(each|each_with_index|each_with_object|map|flat_map|times|each_slice|find_each|find_in_batches|collect|select)\b|^\s*(while|until|for|loop)\b/,
  php: /^\s*(foreach|for|while|do)\b|\barray_map\s*\(|->(each|map)\s*\(/,
};

const FUNCTION_HEADER: Record<SourceLanguage, RegExp> = {
  js: /^\s*(export\s+)?(default\s+)?(async\s+)?function\b|^\s*(export\s+)?(const|let|var)\s+\w+\s*=\s*(async\s*)?(\([^)]*\)|\w+)\s*=>|^\s*(public|private|protected|static|async|\s)*(?!(if|for|while|switch|catch|with|return)\b)\w+\s*\([^)]*\)\s*(:\s*[\w<>[\], |]+)?\s*\{\s*$|^\s*(export\s+)?class\b/,
  python: /^\s*(async\s+)?def\b|^\s*class\b/,
  go: /^\s*func\b/,
  java: /^\s*(public|private|protected|static|final|synchronized|override|suspend|fun|\s)+[\w<>[\], ?]+\s+\w+\s*\(|^\s*fun\b/,
  ruby: /^\s*def\b|^\s*class\b|^\s*module\b/,
  php: /^\s*(public|private|protected|static|final|abstract|\s)*function\b/,
};

const INLINE_LOOP: Record<SourceLanguage, RegExp> = {
  js: /\b(for\s*\(|while\s*\()|\.(forEach|map|flatMap)\s*\(/,
  python: /\bfor\b[^#]*\bin\b/,
  go: /^\s*for\b/,
  java: /\b(for|while)\s*\(|\.forEach\s*\(/,
  ruby: /\.(each|map|times)\b/,
  php: /\b(foreach|for|while)\s*\(|\barray_map\s*\(/,
};

const CACHE =
  /cache|memoi[sz]e|\bmemo\b|lru|redis|memcache|\bswr\b|useSWR|useQuery|react-query|@tanstack\/query|\bttl\b|singleflight|DataLoader/i;

/** Templates are read through their scripts, which are JavaScript. */
type SourceLanguage = Exclude<CodeLanguage, "html">;

export function callSiteContext(lines: LineIndex, line: number, codeLanguage: CodeLanguage, callColumn: number) {
  const language: SourceLanguage = codeLanguage === "html" ? "js" : codeLanguage;
  const own = lines.line(line);
  let inLoop = INLINE_LOOP[language].test(own.slice(0, Math.max(0, callColumn - 1)));
  let current = lines.indent(line);
  let functionStart = Math.max(1, line - 30);
  for (let n = line - 1; n >= 1 && n >= line - 200 && current > 0; n--) {
    const indent = lines.indent(n);
    if (indent >= current) continue;
    current = indent;
    const text = lines.line(n);
    if (LOOP_HEADER[language].test(text)) {
      inLoop = true;
      continue;
    }
    if (FUNCTION_HEADER[language].test(text)) {
      functionStart = n;
      break;
    }
  }
  let cached = false;
  // Decorators (Python @lru_cache) and wrappers sit just above the function header.
  for (let n = Math.max(1, functionStart - 3); n <= line && !cached; n++) cached = CACHE.test(lines.line(n));
  return { inLoop, cached };
}
