import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { auditFrom } from "~/audit/audit.server";
import { requireOrganizationAccess } from "~/auth/authorize.server";
import { can, ROLE_LABELS } from "~/auth/permissions";
import { env } from "~/config/env.server";
import { emailConfigured } from "~/email/mailer.server";
import type { Role } from "~/generated/prisma/enums";
import { publicUrl } from "~/http/public-url.server";
import { parseForm } from "~/http/validation.server";
import {
  InvitationIdSchema,
  InviteSchema,
  inviteMember,
  listPendingInvitations,
  resendInvitation,
  revokeInvitation,
} from "~/orgs/invitations.server";
import {
  changeMemberRole,
  listMembers,
  MemberIntentSchema,
  removeMember,
  transferOwnership,
} from "~/orgs/members.server";
import { organizationSummary } from "~/orgs/organization.server";
import styles from "~/orgs/orgs.css?url";
import { canGrantRole, canManageMember, ROLE_DESCRIPTIONS, ROLES } from "~/orgs/roles";
import { listTeams } from "~/orgs/teams.server";
import { OrgHeader } from "~/orgs/ui/OrgHeader";
import { SeatMeter } from "~/orgs/ui/SeatMeter";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Members · ${data?.organization.name ?? "Organisation"}` },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization, role, user } = await requireOrganizationAccess(request, params.organizationId, "read");
  const manage = can(role, "manage");
  const [summary, members, invitations, teams] = await Promise.all([
    organizationSummary(organization.id),
    listMembers(organization.id),
    manage ? listPendingInvitations(organization.id) : Promise.resolve([]),
    listTeams(organization.id),
  ]);
  return {
    organization: summary,
    role,
    me: user.id,
    members: members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })),
    invitations: invitations.map((i) => ({
      ...i,
      createdAt: i.createdAt.toISOString(),
      expiresAt: i.expiresAt.toISOString(),
      lastSentAt: i.lastSentAt.toISOString(),
    })),
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
    email: emailConfigured()
      ? ("smtp" as const)
      : env().SHOW_OUTBOX || env().NODE_ENV === "development"
        ? ("outbox-page" as const)
        : ("outbox" as const),
  };
}

const Intent = z.discriminatedUnion("intent", [InviteSchema, InvitationIdSchema, MemberIntentSchema], {
  error: "Choose what to do: invite, send again, revoke, change a role, remove or transfer ownership.",
});

type ActionResult = { ok: boolean; message?: string; fieldErrors: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { organization, role, user } = await requireOrganizationAccess(request, params.organizationId, "read");
  const parsed = await parseForm(request, Intent);
  if (!parsed.ok) {
    const { intent, form, ...fields } = parsed.fieldErrors;
    // The invite form shows its fields' errors in place; other forms are a button or two.
    const shownInPlace = Object.keys(fields).every((k) => ["email", "role", "teamIds"].includes(k));
    const message = intent ?? form ?? (shownInPlace ? undefined : Object.values(fields)[0]);
    return data<ActionResult>({ ok: false, message, fieldErrors: fields }, { status: 400 });
  }
  const audit = auditFrom(request, user);
  const actor = { ...user, role };
  const organizationId = organization.id;
  const intent = parsed.data;
  const linkFor = (token: string) => publicUrl(request, `/invite/${token}`);
  // Leaving is open to everyone; everything else here is for owners and admins.
  const leaving = intent.intent === "remove" && intent.userId === user.id;
  if (!leaving && !can(role, "manage"))
    return data<ActionResult>(
      { ok: false, message: "Only owners and admins can manage members and invitations.", fieldErrors: {} },
      { status: 403 },
    );

  const done = (message: string): ActionResult => ({ ok: true, message, fieldErrors: {} });
  const failed = (r: { status: number; message: string; field?: string }) =>
    data<ActionResult>(
      { ok: false, message: r.field ? undefined : r.message, fieldErrors: r.field ? { [r.field]: r.message } : {} },
      { status: r.status },
    );

  switch (intent.intent) {
    case "invite": {
      const result = await inviteMember({ organizationId, actor, ...intent, linkFor }, audit);
      if (!result.ok) return failed(result);
      return done(invitedMessage(intent.email, result.email));
    }
    case "resend": {
      const result = await resendInvitation(
        { organizationId, actor, invitationId: intent.invitationId, linkFor },
        audit,
      );
      if (!result.ok) return failed(result);
      return done(invitedMessage("the invitation", result.email, true));
    }
    case "revoke": {
      const result = await revokeInvitation({ organizationId, invitationId: intent.invitationId }, audit);
      return result.ok ? done("Invitation revoked: its link no longer works.") : failed(result);
    }
    case "change-role": {
      const result = await changeMemberRole({ organizationId, actor, userId: intent.userId, role: intent.role }, audit);
      return result.ok ? done("Role changed.") : failed(result);
    }
    case "remove": {
      const result = await removeMember({ organizationId, actor, userId: intent.userId }, audit);
      if (!result.ok) return failed(result);
      // This page is no longer theirs to see.
      if (leaving) return redirect("/workspaces");
      return done("Removed. Their open documents close within a minute.");
    }
    case "transfer-ownership": {
      const result = await transferOwnership({ organizationId, actor, userId: intent.userId }, audit);
      return result.ok ? done("Ownership transferred: you are now an admin.") : failed(result);
    }
  }
}

function invitedMessage(who: string, email: { status: string; error?: string }, again = false) {
  const sent = again ? "Sent again" : `Invitation sent to ${who}`;
  if (email.status === "SENT") return `${sent}. The link works for 7 days.`;
  if (email.status === "OUTBOX")
    return `${again ? "Renewed" : `Invited ${who}`}, but e-mail is not set up (SMTP_URL), so the message is in the outbox.`;
  return `${again ? "Renewed" : `Invited ${who}`}, but the e-mail could not be sent: ${email.error}. Send it again from the list.`;
}

const date = (iso: string) =>
  new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });

export default function Members() {
  const { organization, role, me, members, invitations, teams, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.fieldErrors ?? {};
  const busy = useNavigation().state === "submitting";
  const manage = can(role, "manage");
  const grantable = ROLES.filter((r) => canGrantRole(role, r));

  return (
    <main className="page">
      <OrgHeader organization={organization} role={role} title="Members">
        <SeatMeter seats={organization.seats} tier={organization.tier} />
      </OrgHeader>

      {result?.message ? (
        <p
          className={result.ok ? "notice-ok" : "form-error"}
          role={result.ok ? "status" : "alert"}
          data-testid="members-result"
        >
          {result.message}
        </p>
      ) : null}

      {manage ? (
        <section className="panel" aria-labelledby="invite-heading">
          <h2 id="invite-heading">Invite someone</h2>
          {email !== "smtp" ? (
            <p className="notice-warn small">
              E-mail is not set up on this server (SMTP_URL), so invitations are kept in the outbox
              {email === "outbox-page" ? (
                <>
                  {" "}
                  (<Link to="/dev/outbox">open it</Link>)
                </>
              ) : null}
              . Nothing is lost.
            </p>
          ) : null}
          <Form method="post" className="stack" aria-label="Invite someone" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <div className="form-grid">
              <div className="field">
                <label htmlFor="invite-email">E-mail</label>
                <input
                  id="invite-email"
                  name="email"
                  type="email"
                  autoComplete="off"
                  placeholder="colleague@example.com"
                  required
                  aria-invalid={errors.email ? true : undefined}
                  aria-describedby={errors.email ? "invite-email-error" : undefined}
                />
                {errors.email ? (
                  <p className="field-error" id="invite-email-error" role="alert">
                    {errors.email}
                  </p>
                ) : null}
              </div>
              <div className="field">
                <label htmlFor="invite-role">Role</label>
                <select id="invite-role" name="role" defaultValue="MEMBER">
                  {grantable.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABELS[r]}: {ROLE_DESCRIPTIONS[r].toLowerCase()}
                    </option>
                  ))}
                </select>
                {errors.role ? (
                  <p className="field-error" role="alert">
                    {errors.role}
                  </p>
                ) : null}
              </div>
            </div>
            {teams.length > 0 ? (
              <fieldset className="team-chips">
                <legend>Teams (optional): they get the workspaces their teams are in</legend>
                {teams.map((t) => (
                  <label key={t.id}>
                    <input type="checkbox" name="teamIds" value={t.id} /> {t.name}
                  </label>
                ))}
                {errors.teamIds ? (
                  <p className="field-error" role="alert">
                    {errors.teamIds}
                  </p>
                ) : null}
              </fieldset>
            ) : null}
            <div>
              <button type="submit" className="primary" disabled={busy}>
                {busy ? "Sending…" : "Send invitation"}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {manage && invitations.length > 0 ? (
        <section aria-labelledby="pending-heading">
          <h2 id="pending-heading">Pending invitations</h2>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Teams</th>
                <th scope="col">Invited</th>
                <th scope="col">E-mail status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id} data-testid="invitation-row">
                  <td data-label="E-mail">{i.email}</td>
                  <td data-label="Role">{ROLE_LABELS[i.role]}</td>
                  <td data-label="Teams">{i.teams.join(", ") || <span className="muted">none</span>}</td>
                  <td data-label="Invited">
                    by {i.invitedBy}, {date(i.lastSentAt)}
                    <br />
                    <span className={i.expired ? "field-error" : "muted small"}>
                      {i.expired ? "Expired: send it again" : `expires ${date(i.expiresAt)}`}
                    </span>
                  </td>
                  <td data-label="E-mail status">
                    {i.emailStatus === "SENT"
                      ? "Sent"
                      : i.emailStatus === "OUTBOX"
                        ? "In the outbox (e-mail not set up)"
                        : i.emailStatus === "FAILED"
                          ? `Not sent: ${i.emailError}`
                          : "Sending…"}
                  </td>
                  <td>
                    <div className="row-actions">
                      <Form method="post">
                        <input type="hidden" name="intent" value="resend" />
                        <input type="hidden" name="invitationId" value={i.id} />
                        <button type="submit" aria-label={`Send the invitation to ${i.email} again`}>
                          Send again
                        </button>
                      </Form>
                      <Form
                        method="post"
                        onSubmit={(e) => !confirm(`Revoke the invitation to ${i.email}?`) && e.preventDefault()}
                      >
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="invitationId" value={i.id} />
                        <button type="submit" className="danger" aria-label={`Revoke the invitation to ${i.email}`}>
                          Revoke
                        </button>
                      </Form>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">People ({members.length})</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Teams</th>
              <th scope="col">Joined</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <MemberRow key={m.id} member={m} myRole={role} isMe={m.id === me} />
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}

function MemberRow({
  member,
  myRole,
  isMe,
}: {
  member: { id: string; name: string; email: string; role: Role; teams: string[]; joinedAt: string };
  myRole: Role;
  isMe: boolean;
}) {
  const manageable = !isMe && canManageMember(myRole, member.role);
  const roles = ROLES.filter((r) => canGrantRole(myRole, r));
  return (
    <tr data-testid="member-row" data-email={member.email}>
      <td data-label="Name">
        {member.name}
        {isMe ? <span className="badge">you</span> : null}
        <br />
        <span className="muted small">{member.email}</span>
      </td>
      <td data-label="Role">
        {manageable ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="change-role" />
            <input type="hidden" name="userId" value={member.id} />
            <select name="role" defaultValue={member.role} aria-label={`Role of ${member.name}`}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
            <button type="submit">Change</button>
          </Form>
        ) : (
          ROLE_LABELS[member.role]
        )}
      </td>
      <td data-label="Teams">{member.teams.join(", ") || <span className="muted">none</span>}</td>
      <td data-label="Joined">{date(member.joinedAt)}</td>
      <td>
        <div className="row-actions">
          {myRole === "OWNER" && !isMe ? (
            <Form
              method="post"
              onSubmit={(e) =>
                !confirm(`Make ${member.name} an owner and become an admin yourself?`) && e.preventDefault()
              }
            >
              <input type="hidden" name="intent" value="transfer-ownership" />
              <input type="hidden" name="userId" value={member.id} />
              <button type="submit" aria-label={`Transfer ownership to ${member.name}`}>
                Make owner
              </button>
            </Form>
          ) : null}
          {manageable || isMe ? (
            <Form
              method="post"
              onSubmit={(e) =>
                !confirm(
                  isMe
                    ? "Leave this organisation? You lose its workspaces at once."
                    : `Remove ${member.name}? They lose every workspace of the organisation.`,
                ) && e.preventDefault()
              }
            >
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="userId" value={member.id} />
              <button
                type="submit"
                className="danger"
                aria-label={isMe ? "Leave the organisation" : `Remove ${member.name}`}
              >
                {isMe ? "Leave" : "Remove"}
              </button>
            </Form>
          ) : null}
        </div>
      </td>
    </tr>
  );
}
