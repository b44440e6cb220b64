import { checkHealth } from "~/health/health.server";

/** For load balancers and people: 200 when the database and the sync engine answer. */
export async function loader() {
  const report = await checkHealth();
  return Response.json(report, { status: report.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
