import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireWorkspaceAccess } from "~/auth/authorize.server";
import { httpError } from "~/http/responses.server";
import { clientAddress, consumeRateLimit } from "~/rate-limit/rate-limit.server";
import { startArchiveScan } from "~/scans/scans.server";
import { readArchiveUpload } from "~/scans/upload.server";

/** An uploaded archive becomes a scan; errors go back to the page as a message. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspaceAccess(request, params.workspaceId, "write");
  const back = (message: string) => redirect(`/w/${workspace.id}/scans?uploadError=${encodeURIComponent(message)}`);
  const limited = await consumeRateLimit(`scan-upload:${workspace.id}:${clientAddress(request)}`, {
    limit: 30,
    windowSeconds: 3600,
  });
  if (!limited.allowed) return back("Too many uploads this hour; try again later.");
  const upload = await readArchiveUpload(request);
  if (!upload.ok) return back(upload.message);
  const { scanId } = await startArchiveScan({
    workspaceId: workspace.id,
    userId: user.id,
    fileName: upload.fileName,
    bytes: upload.bytes,
  });
  return redirect(`/w/${workspace.id}/scans?scan=${scanId}`);
}

export function loader() {
  throw httpError(405, "Upload an archive from the codebase page.");
}
