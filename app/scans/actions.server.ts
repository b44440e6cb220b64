import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import type { WorkspaceAccess } from "~/auth/authorize.server";
import { can, type Permission } from "~/auth/permissions";
import { prisma } from "~/db/client.server";
import { httpError, notFound, retryAfterHeader, retryAfterSeconds } from "~/http/responses.server";
import { parseFields } from "~/http/validation.server";
import { cancelJob } from "~/jobs/queue.server";
import { consumeRateLimit } from "~/rate-limit/rate-limit.server";
import { PROVIDERS } from "~/scanner/providers";
import { GithubError } from "~/scanner/sources/github";
import { checkBaseUrl, connectWithToken, disconnectGithub } from "./github-connection.server";
import { RepoSchema, rescanTarget, setCadence, startGithubScan } from "./scans.server";
import { saveVolume } from "./usage.server";

/**
 * The codebase page's form actions, one intent each, validated with zod. Each intent names
 * the permission it needs; scans and connections are rate-limited per workspace, because
 * each costs GitHub requests and worker time.
 */
const Intent = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("connect-token"),
    token: z
      .string()
      .trim()
      .min(20, "Paste a GitHub personal access token (classic or fine-grained).")
      .max(255, "That token is too long."),
    baseUrl: z.string().trim().max(300).optional(),
  }),
  z.object({ intent: z.literal("disconnect") }),
  z.object({ intent: z.literal("scan-repo") }).extend(RepoSchema.shape),
  z.object({ intent: z.literal("rescan"), targetId: z.string().uuid() }),
  z.object({
    intent: z.literal("set-cadence"),
    targetId: z.string().uuid(),
    cadence: z.enum(["", "WEEKLY", "MONTHLY"]),
  }),
  z.object({ intent: z.literal("cancel"), scanId: z.string().uuid() }),
  z.object({
    intent: z.literal("save-volume"),
    provider: z.string().refine((id) => PROVIDERS.some((p) => p.id === id), "Unknown provider."),
    operation: z.string().regex(/^[A-Za-z][\w]{0,80}$/, "Unknown operation."),
    monthlyCalls: z.coerce
      .number({ error: "Enter a number of calls per month." })
      .int("Enter a whole number.")
      .min(0, "Enter 0 or more.")
      .max(1e12, "That is more calls than any API serves."),
    unitsPerCall: z.string().trim().max(500).optional(),
  }),
]);

const PERMISSION: Record<z.infer<typeof Intent>["intent"], Permission> = {
  "connect-token": "manage",
  disconnect: "manage",
  "scan-repo": "write",
  rescan: "write",
  "set-cadence": "write",
  cancel: "write",
  "save-volume": "write",
};

const FORBIDDEN: Record<Permission, string> = {
  read: "",
  write: "Viewers can look at scans but not start or change them. Ask an admin for member access.",
  manage: "Only owners and admins of this workspace can connect or disconnect GitHub.",
};

export async function codebaseAction(form: Record<string, unknown>, access: WorkspaceAccess, clientAddress: string) {
  const parsed = parseFields(Intent, form);
  if (!parsed.ok) return data({ ok: false as const, fieldErrors: parsed.fieldErrors }, { status: 400 });
  const input = parsed.data;
  if (!can(access.role, PERMISSION[input.intent])) throw httpError(403, FORBIDDEN[PERMISSION[input.intent]]);
  const workspaceId = access.workspace.id;
  const userId = access.user.id;

  switch (input.intent) {
    case "connect-token": {
      const limited = await limit(`github-connect:${workspaceId}`, 10, 3600, clientAddress);
      if (limited) return limited;
      const base = await checkBaseUrl(input.baseUrl);
      if (!base.ok) return data({ ok: false as const, fieldErrors: { baseUrl: base.message } }, { status: 400 });
      try {
        const { login } = await connectWithToken({ workspaceId, userId, token: input.token, baseUrl: base.baseUrl });
        return data({ ok: true as const, message: `Connected to GitHub as ${login}.` });
      } catch (error) {
        if (error instanceof GithubError)
          return data({ ok: false as const, fieldErrors: { token: error.message } }, { status: 400 });
        throw error;
      }
    }
    case "disconnect":
      await disconnectGithub(workspaceId);
      return data({ ok: true as const, message: "GitHub is disconnected from this workspace." });
    case "scan-repo": {
      const limited = await limit(`scan:${workspaceId}`, 60, 3600, clientAddress);
      if (limited) return limited;
      if (!(await prisma.githubConnection.findUnique({ where: { workspaceId }, select: { id: true } }))) {
        return data({ ok: false as const, fieldErrors: { form: "Connect GitHub first." } }, { status: 400 });
      }
      const started = await startGithubScan({
        workspaceId,
        userId,
        owner: input.owner,
        repo: input.repo,
        ref: input.ref,
      });
      return redirect(`/w/${workspaceId}/scans?scan=${started.scanId}`);
    }
    case "rescan": {
      const limited = await limit(`scan:${workspaceId}`, 60, 3600, clientAddress);
      if (limited) return limited;
      const started = await rescanTarget(workspaceId, input.targetId, { workspaceId, userId });
      if (!started) throw notFound();
      return redirect(`/w/${workspaceId}/scans?scan=${started.scanId}`);
    }
    case "set-cadence": {
      const ok = await setCadence(workspaceId, input.targetId, input.cadence || null);
      if (!ok) throw notFound("Not found. Automatic rescans are for GitHub repositories.");
      return data({
        ok: true as const,
        message: input.cadence
          ? `It will be rescanned ${input.cadence === "WEEKLY" ? "every week" : "every month"}.`
          : "Automatic rescans are off.",
      });
    }
    case "cancel": {
      const scan = await prisma.scan.findFirst({ where: { id: input.scanId, workspaceId }, select: { jobId: true } });
      if (!scan) throw notFound();
      const outcome = await cancelJob(scan.jobId);
      return data({
        ok: true as const,
        message: outcome === "finished" ? "That scan had already finished." : "Cancelling the scan…",
      });
    }
    case "save-volume": {
      const units = parseUnits(input.unitsPerCall);
      if (!units.ok) return data({ ok: false as const, fieldErrors: { unitsPerCall: units.message } }, { status: 400 });
      await saveVolume({
        workspaceId,
        userId,
        provider: input.provider,
        operation: input.operation,
        monthlyCalls: input.monthlyCalls,
        unitsPerCall: units.value,
      });
      return data({
        ok: true as const,
        message: input.monthlyCalls ? "Volume saved; the estimate uses it now." : "Volume removed.",
      });
    }
  }
}

/** "volume_usd=42, transaction=1" → { volume_usd: 42, transaction: 1 } */
function parseUnits(
  text: string | undefined,
): { ok: true; value: Record<string, number> } | { ok: false; message: string } {
  const value: Record<string, number> = {};
  if (!text) return { ok: true, value };
  for (const part of text.split(",")) {
    const m = /^\s*([a-z_]{1,40})\s*=\s*(\d+(\.\d+)?)\s*$/.exec(part);
    if (!m) return { ok: false, message: 'Write units per call like "input_token=1200, output_token=300".' };
    value[m[1]!] = Number(m[2]);
  }
  return { ok: true, value };
}

async function limit(key: string, max: number, windowSeconds: number, clientAddress: string) {
  const result = await consumeRateLimit(`${key}:${clientAddress}`, { limit: max, windowSeconds });
  if (result.allowed) return null;
  return data(
    {
      ok: false as const,
      fieldErrors: {
        form: `Too many requests; try again in ${Math.ceil(retryAfterSeconds(result.resetAt) / 60)} minutes.`,
      },
    },
    { status: 429, headers: retryAfterHeader(result.resetAt) },
  );
}
