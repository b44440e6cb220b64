import { listFolder } from "~/scanner/sources/folder";
import { classifyPath, contextOf, isConfigCode } from "~/scanner/paths";
import { decodeSource, generatedReason } from "~/scanner/text";
import { analyzeCode } from "~/scanner/code";
import { defaultIndex } from "~/scanner/match";
const index = defaultIndex();
for (let round = 0; round < 3; round++) {
  const l = await listFolder(process.argv[2]!);
  let tRead = 0, tDecode = 0, tGen = 0, tCode = 0, tClass = 0;
  for (const f of l.files) {
    let t = performance.now();
    const kind = classifyPath(f.path); const ctx = contextOf(f.path); const cfg = isConfigCode(f.path);
    tClass += performance.now() - t; t = performance.now();
    let bytes; try { bytes = f.read(); } catch { continue; }
    tRead += performance.now() - t; t = performance.now();
    const d = decodeSource(bytes);
    tDecode += performance.now() - t; t = performance.now();
    if (!d.ok || kind.kind !== "code") continue;
    const g = generatedReason(f.path, d.text);
    tGen += performance.now() - t; t = performance.now();
    if (g) continue;
    analyzeCode({ path: f.path, language: kind.language, text: d.text, context: ctx, index, config: cfg });
    tCode += performance.now() - t;
  }
  console.log({ classify: Math.round(tClass), read: Math.round(tRead), decode: Math.round(tDecode), generated: Math.round(tGen), code: Math.round(tCode) });
}
