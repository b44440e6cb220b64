import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { auditFrom } from "~/audit/audit.server";
import { requireOrganizationAccess } from "~/auth/authorize.server";
import { can } from "~/auth/permissions";
import { formatUsd } from "~/format/numbers";
import { parseForm } from "~/http/validation.server";
import { FeedbackSchema, giveFeedback } from "~/intelligence/anomalies.server";
import { intelligenceOverview } from "~/intelligence/page.server";
import { refreshIntelligence } from "~/intelligence/refresh.server";
import { SavingsActionSchema, setSavingsStatus } from "~/intelligence/savings.server";
import { AnomalyList } from "~/intelligence/ui/AnomalyList";
import { BandChart } from "~/intelligence/ui/BandChart";
import { BenchmarkTable } from "~/intelligence/ui/BenchmarkTable";
import { SavingsList } from "~/intelligence/ui/SavingsList";
import styles from "~/intelligence/ui/intelligence.css?url";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Cost intelligence · ${data?.organization.name ?? "Organisation"}` },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** Every member of the organisation sees it; members give feedback on anomalies; owners and admins act on savings. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization, role } = await requireOrganizationAccess(request, params.organizationId, "read");
  const selected = new URL(request.url).searchParams.get("anomaly");
  return {
    organization,
    canGiveFeedback: can(role, "write"),
    canManage: can(role, "manage"),
    now: Date.now(),
    overview: await intelligenceOverview(organization.id, selected),
  };
}

const Intent = z.discriminatedUnion("intent", [
  FeedbackSchema.extend({ intent: z.literal("feedback") }),
  SavingsActionSchema.extend({ intent: z.literal("savings") }),
  z.object({ intent: z.literal("refresh") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { organization, user, role } = await requireOrganizationAccess(request, params.organizationId, "write");
  const parsed = await parseForm(request, Intent);
  if (!parsed.ok) return data({ ok: false as const, message: Object.values(parsed.fieldErrors)[0]! }, { status: 400 });
  const origin = { ...auditFrom(request, user), userId: user.id };
  const intent = parsed.data;
  if (intent.intent !== "feedback" && !can(role, "manage"))
    return data({ ok: false as const, message: "Only owners and admins can do that." }, { status: 403 });
  if (intent.intent === "refresh") {
    await refreshIntelligence(organization.id);
    return { ok: true as const, message: "Detection and savings were brought up to date." };
  }
  const done =
    intent.intent === "feedback"
      ? await giveFeedback(organization.id, intent, origin)
      : await setSavingsStatus(organization.id, intent, origin);
  if (!done) return data({ ok: false as const, message: "That is not one of this organisation's." }, { status: 404 });
  return { ok: true as const, message: intent.intent === "feedback" ? "Thanks: the series was adjusted." : "Saved." };
}

const month = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

export default function Intelligence() {
  const { organization, canGiveFeedback, canManage, now, overview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { forecast, chart, selected } = overview;
  return (
    <main className="page intelligence">
      <p className="breadcrumbs">{organization.name}</p>
      <h1>Cost intelligence</h1>
      <p className="muted">
        Anomalies in spend per subscription, team, cost center, API key and operation (daily and hourly), forecasts,
        savings and how you compare with the marketplace.{" "}
        {overview.lastRunAt
          ? `Detection last ran ${new Date(overview.lastRunAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC; it runs after usage arrives and every hour.`
          : "Detection has not run yet: it runs after usage arrives and every hour."}{" "}
        <Link to={`/orgs/${organization.id}/budgets`}>Budgets</Link>
        {canManage ? (
          <>
            {" · "}
            <Link to={`/orgs/${organization.id}/webhooks`}>Webhooks for alerts</Link>
          </>
        ) : null}
      </p>
      {canManage ? (
        <Form method="post" className="refresh" preventScrollReset>
          <input type="hidden" name="intent" value="refresh" />
          <button type="submit" disabled={busy}>
            {busy ? "Working…" : "Check now"}
          </button>
        </Form>
      ) : null}
      {result ? (
        <p role={result.ok ? "status" : "alert"} className={result.ok ? "notice" : "field-error"}>
          {result.message}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="anomalies-heading">
        <h2 id="anomalies-heading">Anomalies</h2>
        {chart && selected ? (
          <figure id="chart" className="chart-figure">
            <BandChart
              points={chart.points.map((p) => ({ ...p, value: p.value }))}
              label={`${chart.label}: spend per ${chart.granularity} with the band the model expected; the anomaly highlighted`}
              highlight={chart.highlight}
              granularity={chart.granularity}
            />
            <figcaption>
              <strong>{chart.label}</strong>, spend per {chart.granularity}: the shaded band is where the model expected
              it (complete {chart.granularity === "day" ? "days" : "hours"} only), the dashed line its expectation, red
              points the anomaly.
            </figcaption>
          </figure>
        ) : null}
        <AnomalyList
          anomalies={overview.anomalies}
          selectedId={selected?.id ?? null}
          canGiveFeedback={canGiveFeedback}
        />
      </section>

      <section className="panel" aria-labelledby="forecast-heading">
        <h2 id="forecast-heading">Forecast</h2>
        {forecast ? (
          <>
            <p className="forecast-figures">
              This month:{" "}
              <strong data-testid="forecast-month-end">{formatUsd(forecast.monthEnd.expected, "rounded")}</strong>{" "}
              <span className="muted">
                (80%: {formatUsd(forecast.monthEnd.lower80, "rounded")}–
                {formatUsd(forecast.monthEnd.upper80, "rounded")}; 95%:{" "}
                {formatUsd(forecast.monthEnd.lower95, "rounded")}–{formatUsd(forecast.monthEnd.upper95, "rounded")})
              </span>
              {forecast.months.map((m) => (
                <span key={m.months} className="forecast-chip">
                  {m.months === 1 ? month(m.from) : `${month(m.from)} – ${month(m.to)}`}:{" "}
                  <strong>{formatUsd(m.range.expected, "rounded")}</strong>{" "}
                  <span className="muted">
                    ({formatUsd(m.range.lower80, "rounded")}–{formatUsd(m.range.upper80, "rounded")})
                  </span>
                </span>
              ))}
            </p>
            <figure className="chart-figure">
              <BandChart
                points={[
                  ...forecast.history.map((p) => ({ time: p.time, value: p.value })),
                  ...forecast.daily.slice(1).map((p) => ({
                    time: p.time,
                    expected: p.expected,
                    lower: p.lower80,
                    upper: p.upper80,
                    lower95: p.lower95,
                    upper95: p.upper95,
                  })),
                ]}
                label="Metered spend per day: the last 90 days, and the next 90 days forecast with 80% and 95% bands"
                partialLast
                now={now}
              />
              <figcaption>
                Metered spend per day across the organisation, and the forecast with its 80% (darker) and 95% bands.
                Today is still under way: its point is dashed.
              </figcaption>
            </figure>
            <div className="table-scroll">
              <table className="forecast-table">
                <thead>
                  <tr>
                    <th scope="col">Subscription</th>
                    <th scope="col">This month</th>
                    {forecast.months.map((m) => (
                      <th scope="col" key={m.months}>
                        {m.months === 1 ? "Next month" : `Next ${m.months} months`}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {overview.subscriptions.map((s) => (
                    <tr key={s.id}>
                      <th scope="row">{s.label}</th>
                      {s.forecast ? (
                        <>
                          <td>
                            {formatUsd(s.forecast.monthEnd.expected, "rounded")}
                            <span className="muted range">
                              {formatUsd(s.forecast.monthEnd.lower80, "rounded")}–
                              {formatUsd(s.forecast.monthEnd.upper80, "rounded")}
                            </span>
                          </td>
                          {s.forecast.months.map((m) => (
                            <td key={m.months}>
                              {formatUsd(m.range.expected, "rounded")}
                              <span className="muted range">
                                {formatUsd(m.range.lower80, "rounded")}–{formatUsd(m.range.upper80, "rounded")}
                              </span>
                            </td>
                          ))}
                        </>
                      ) : (
                        <td colSpan={4} className="muted">
                          Not enough history yet (four weeks are needed).
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p className="empty">Forecasts need four weeks of usage. Send usage through the ingestion API to start.</p>
        )}
      </section>

      <section className="panel" aria-labelledby="savings-heading">
        <h2 id="savings-heading">Savings</h2>
        <SavingsList savings={overview.savings} canManage={canManage} />
      </section>

      <section className="panel" aria-labelledby="benchmarks-heading">
        <h2 id="benchmarks-heading">Benchmarks</h2>
        <p className="muted">
          The last 30 days against every organisation on the marketplace using the same API or category: averages over
          at least five organisations, rounded, so no one's figures can be worked out.
        </p>
        <BenchmarkTable rows={overview.benchmarks} />
      </section>
    </main>
  );
}
