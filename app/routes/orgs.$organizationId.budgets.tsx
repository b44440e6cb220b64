import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { auditFrom } from "~/audit/audit.server";
import { requireOrganizationAccess } from "~/auth/authorize.server";
import { can } from "~/auth/permissions";
import { FormErrorSummary } from "~/components/FormErrorSummary";
import { parseForm } from "~/http/validation.server";
import budgetStyles from "~/usage/budget.css?url";
import { BudgetRow } from "~/usage/BudgetRow";
import { budgetOverview, SetBudgetSchema, setBudget } from "~/usage/budgets.server";
import styles from "~/usage/usage.css?url";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Budgets · ${data?.organization.name ?? "Organisation"}` },
];
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: budgetStyles },
];

/** Every member of the organisation may see its budgets; owners and admins set them. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization, role } = await requireOrganizationAccess(request, params.organizationId, "read");
  return { organization, canEdit: can(role, "manage"), overview: await budgetOverview(organization.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { organization, user } = await requireOrganizationAccess(request, params.organizationId, "manage");
  const parsed = await parseForm(request, SetBudgetSchema);
  if (!parsed.ok) return data({ ok: false as const, fieldErrors: parsed.fieldErrors }, { status: 400 });
  if (!(await setBudget(organization.id, parsed.data, auditFrom(request, user))))
    return data(
      { ok: false as const, fieldErrors: { form: "That is not a subscription or cost center of this organisation." } },
      { status: 404 },
    );
  return { ok: true as const };
}

const monthName = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

export default function Budgets() {
  const { organization, canEdit, overview } = useLoaderData<typeof loader>();
  // Rows save through their own fetchers; a form posted without JavaScript lands here instead.
  const result = useActionData<typeof action>();
  const columns = (
    <tr>
      <th scope="col">Budget for</th>
      <th scope="col" className="number">
        Spent
      </th>
      <th scope="col" className="number">
        Forecast
      </th>
      <th scope="col">Status</th>
      <th scope="col">Monthly budget</th>
    </tr>
  );
  return (
    <main className="page">
      <p className="breadcrumbs">{organization.name}</p>
      <h1>Budgets</h1>
      <p className="muted">
        {monthName(overview.month)} so far, from reported usage plus each plan's monthly fee. The forecast is the spend
        model's (weekdays, trend and month starts learnt from each subscription's history, with the range the month ends
        in 80% of the time; see <a href={`/orgs/${organization.id}/intelligence`}>Cost intelligence</a>): a budget is{" "}
        <strong>at risk</strong> when the forecast passes it and <strong>over</strong> once spending does. Cost cards on
        canvases show the same status.
        {canEdit ? " Leave an amount empty for no budget." : " Owners and admins set budgets."}
      </p>

      <FormErrorSummary errors={result && !result.ok ? result.fieldErrors : {}} />

      <section className="panel" aria-labelledby="subscriptions-heading">
        <h2 id="subscriptions-heading">Subscriptions</h2>
        {overview.subscriptions.length === 0 ? (
          <p className="empty">No subscriptions yet. When a team subscribes to an API plan, its budget is set here.</p>
        ) : (
          <div className="budget-table-scroll">
            <table className="budget-table">
              <thead>{columns}</thead>
              <tbody>
                {overview.subscriptions.map((s) => (
                  <BudgetRow
                    key={s.id}
                    target="subscription"
                    id={s.id}
                    name={s.apiName}
                    detail={`${s.teamName} · ${s.planName}`}
                    budget={s.budget}
                    canEdit={canEdit}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="centers-heading">
        <h2 id="centers-heading">Cost centers</h2>
        {overview.costCenters.length === 0 ? (
          <p className="empty">
            No cost centers yet. A cost center carries shares of subscriptions, so finance can report spend by budget
            holder.
          </p>
        ) : (
          <div className="budget-table-scroll">
            <table className="budget-table">
              <thead>{columns}</thead>
              <tbody>
                {overview.costCenters.map((c) => (
                  <BudgetRow
                    key={c.id}
                    target="costCenter"
                    id={c.id}
                    name={c.name}
                    budget={c.budget}
                    canEdit={canEdit}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
