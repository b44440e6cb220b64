import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { auditFrom } from "~/audit/audit.server";
import { requireOrganizationAccess } from "~/auth/authorize.server";
import { can, ROLE_LABELS } from "~/auth/permissions";
import { Field } from "~/components/Field";
import { parseForm, withStrayErrorsAsForm } from "~/http/validation.server";
import { organizationSummary, renameOrganization, RenameOrganizationSchema } from "~/orgs/organization.server";
import styles from "~/orgs/orgs.css?url";
import { OrgHeader } from "~/orgs/ui/OrgHeader";
import { SeatMeter } from "~/orgs/ui/SeatMeter";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organization.name ?? "Organisation"} · APIMarketplace Pro` },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization, role } = await requireOrganizationAccess(request, params.organizationId, "read");
  return { organization: await organizationSummary(organization.id), role };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { organization, user } = await requireOrganizationAccess(request, params.organizationId, "manage");
  const parsed = await parseForm(request, RenameOrganizationSchema);
  if (!parsed.ok)
    return data(
      { ok: false as const, fieldErrors: withStrayErrorsAsForm(parsed.fieldErrors, ["name"]) },
      { status: 400 },
    );
  await renameOrganization(organization.id, parsed.data.name, auditFrom(request, user));
  return { ok: true as const, fieldErrors: {} as Record<string, string> };
}

export default function OrganizationOverview() {
  const { organization, role } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.fieldErrors ?? {};
  const busy = useNavigation().state === "submitting";
  const manage = can(role, "manage");
  const base = `/orgs/${organization.id}`;
  return (
    <main className="page">
      <OrgHeader organization={organization} role={role} title={organization.name}>
        <p className="muted">You are {ROLE_LABELS[role].toLowerCase()} of this organisation.</p>
      </OrgHeader>
      <section className="panel" aria-labelledby="seats-heading">
        <h2 id="seats-heading">Plan and seats</h2>
        <SeatMeter seats={organization.seats} tier={organization.tier} />
        <p className="muted small">
          Every member and every pending invitation takes a seat.{" "}
          {manage ? <Link to={`${base}/members`}>Invite people</Link> : null}
        </p>
      </section>
      <section className="panel" aria-labelledby="next-heading">
        <h2 id="next-heading">Run your organisation</h2>
        <ul>
          <li>
            <Link to={`${base}/members`}>Members</Link>: invite colleagues by e-mail, change roles, remove people.
          </li>
          <li>
            <Link to={`${base}/teams`}>Teams</Link>: group people, give a team a lead and whole workspaces at once.
          </li>
          <li>
            <Link to={`${base}/workspaces`}>Workspaces</Link>: create, rename and archive them, and choose who is in
            each.
          </li>
          {manage ? (
            <li>
              <Link to={`${base}/audit`}>Audit log</Link>: who changed what, when and from where.
            </li>
          ) : null}
        </ul>
      </section>
      {manage ? (
        <section className="panel" aria-labelledby="rename-heading">
          <h2 id="rename-heading">Name</h2>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="rename" />
            <Field
              label="Organisation name"
              name="name"
              defaultValue={organization.name}
              maxLength={100}
              required
              error={errors.name}
            />
            <button type="submit" disabled={busy}>
              {busy ? "Saving…" : "Rename"}
            </button>
            {result?.ok ? <span role="status">Saved.</span> : null}
          </Form>
          {errors.form ? (
            <p className="form-error" role="alert">
              {errors.form}
            </p>
          ) : null}
        </section>
      ) : null}
    </main>
  );
}
