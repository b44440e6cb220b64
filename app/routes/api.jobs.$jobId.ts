import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireWorkspaceAccess } from "~/auth/authorize.server";
import { requireUser } from "~/auth/session.server";
import { prisma } from "~/db/client.server";
import { httpError, notFound } from "~/http/responses.server";
import { cancelJob, jobInWorkspace } from "~/jobs/queue.server";

/**
 * A background job's status and progress (GET), or a request to cancel it (POST), for
 * members of the job's workspace. Any capability's jobs are followed this way.
 */

async function workspaceOf(request: Request, jobId: string | undefined) {
  await requireUser(request);
  if (!jobId || !z.string().uuid().safeParse(jobId).success) throw notFound();
  const job = await prisma.backgroundJob.findUnique({ where: { id: jobId }, select: { workspaceId: true } });
  if (!job?.workspaceId) throw notFound();
  return job.workspaceId;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const workspaceId = await workspaceOf(request, params.jobId);
  await requireWorkspaceAccess(request, workspaceId, "read");
  const job = await jobInWorkspace(params.jobId!, workspaceId);
  if (!job) throw notFound();
  return Response.json({ job }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") throw httpError(405, "Send POST to cancel a job.");
  const workspaceId = await workspaceOf(request, params.jobId);
  await requireWorkspaceAccess(request, workspaceId, "write");
  const outcome = await cancelJob(params.jobId!);
  return Response.json({ outcome });
}
