/**
 * zod 4 compiles fast validators with `new Function` when it can, and probes whether it can
 * by trying once. Under the app's Content-Security-Policy (no 'unsafe-eval') the probe fails
 * harmlessly but shows up as a policy violation in the console; telling zod up front that
 * it runs without eval in the browser keeps the console clean. zod keeps its settings on
 * globalThis, so this works whichever module loads first.
 */
type ZodGlobal = { __zod_globalConfig?: { jitless?: boolean } };

if (typeof document !== "undefined") ((globalThis as ZodGlobal).__zod_globalConfig ??= {}).jitless = true;

export {};
