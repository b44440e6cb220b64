import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { auditFrom } from "~/audit/audit.server";
import { createSession } from "~/auth/session.server";
import { prisma } from "~/db/client.server";
import type { DocumentKind } from "~/generated/prisma/enums";
import { openRecording, saveSegment } from "~/requests/recordings.server";
import { createSnippet } from "~/snippets/snippets.server";
import { startArchiveScan } from "~/scans/scans.server";
import { createIngestionToken } from "~/usage/ingestion-tokens.server";
import { createDocument } from "~/kinds/documents.server";
import { tarGzOf } from "../support/archives";
import { createUser } from "../support/factories";

/**
 * One organisation with a person in every role, the things its routes point at, and
 * people from outside it: what the authorization matrix and the fuzz run against.
 *   owner, admin, member, viewer: members of the organisation and its workspace
 *   guest: joined the request session by code, member of nothing
 *   outsider: owner of another organisation (so every id here is a cross-organisation swap)
 *   anonymous: no session at all
 */
export const ROLES = ["anonymous", "outsider", "guest", "viewer", "member", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

export type World = Awaited<ReturnType<typeof buildWorld>>;

export async function buildWorld() {
  const people = {
    owner: await createUser("Olive Owner"),
    admin: await createUser("Adam Admin"),
    member: await createUser("Mia Member"),
    viewer: await createUser("Vic Viewer"),
    guest: await createUser("Gus Guest"),
    outsider: await createUser("Otto Outsider"),
  };
  const roles = [
    { userId: people.owner.id, role: "OWNER" as const },
    { userId: people.admin.id, role: "ADMIN" as const },
    { userId: people.member.id, role: "MEMBER" as const },
    { userId: people.viewer.id, role: "VIEWER" as const },
  ];
  const organization = await prisma.organization.create({
    data: { name: "Matrix Org", slug: `matrix-${randomBytes(4).toString("hex")}`, memberships: { create: roles } },
  });
  const workspace = await prisma.workspace.create({
    data: { organizationId: organization.id, name: "Matrix Workspace", memberships: { create: roles } },
  });
  // The outsider owns an organisation of their own: every id above is someone else's to them.
  const elsewhere = await prisma.organization.create({
    data: {
      name: "Elsewhere",
      slug: `elsewhere-${randomBytes(4).toString("hex")}`,
      memberships: { create: { userId: people.outsider.id, role: "OWNER" } },
      workspaces: {
        create: {
          name: "Elsewhere Workspace",
          memberships: { create: { userId: people.outsider.id, role: "OWNER" } },
        },
      },
    },
  });

  const documentOf = (kind: DocumentKind) =>
    createDocument({ workspaceId: workspace.id, kind, title: `Matrix ${kind}`, createdById: people.owner.id });
  const documents: Record<"REQUEST" | "AI" | "CANVAS", Awaited<ReturnType<typeof documentOf>>> = {
    REQUEST: await documentOf("REQUEST"),
    AI: await documentOf("AI"),
    CANVAS: await documentOf("CANVAS"),
  };

  // The guest joined the request session with a code that is still valid.
  const code = await prisma.sessionCode.create({
    data: {
      documentId: documents.REQUEST.id,
      createdById: people.owner.id,
      codeHash: randomBytes(16).toString("base64url"),
      hint: "TEST",
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  await prisma.sessionGuest.create({
    data: { documentId: documents.REQUEST.id, userId: people.guest.id, codeId: code.id },
  });

  const recording = await openRecording(documents.REQUEST.id);
  await saveSegment({
    recordingId: recording.id,
    startMs: 0,
    endMs: 1000,
    keyframe: new Uint8Array(gzipSync(JSON.stringify({ request: null, people: [] }))),
    deltas: [],
    bytesBefore: 0,
    eventsBefore: 0,
  });
  const sent = await prisma.sentRequest.create({
    data: {
      documentId: documents.REQUEST.id,
      sentById: people.owner.id,
      sentByName: people.owner.name,
      method: "GET",
      url: "https://api.example.com/",
      request: {
        method: "GET",
        url: "https://api.example.com/",
        query: [],
        headers: [],
        auth: { type: "none", token: "", username: "", password: "", keyName: "", keyValue: "", keyIn: "header" },
        bodyType: "",
        body: "",
      },
      outcome: "REFUSED",
      error: "matrix fixture",
      durationMs: 0,
    },
  });
  const snippet = (visibility: "PRIVATE" | "PUBLIC") =>
    createSnippet({
      workspaceId: workspace.id,
      userId: people.owner.id,
      title: `A ${visibility.toLowerCase()} snippet`,
      language: "javascript",
      apiSlug: null,
      code: "console.log(1)",
    }).then(async (s) =>
      visibility === "PUBLIC"
        ? { ...s, ...(await prisma.snippet.update({ where: { id: s.id }, data: { visibility } })) }
        : s,
    );
  const privateSnippet = await snippet("PRIVATE");
  const publicSnippet = await snippet("PUBLIC");
  const { scanId } = await startArchiveScan({
    workspaceId: workspace.id,
    userId: people.owner.id,
    fileName: "matrix.tar.gz",
    bytes: tarGzOf([{ name: "src/pay.js", body: 'require("stripe");' }]),
  });
  const scan = await prisma.scan.findUniqueOrThrow({ where: { id: scanId }, select: { id: true, jobId: true } });
  const ingestion = await createIngestionToken(
    { organizationId: organization.id, name: "matrix", createdById: people.owner.id },
    auditFrom(new Request("http://security.test/"), people.owner),
  );

  return {
    people,
    organization,
    workspace,
    elsewhere,
    documents,
    recording,
    sent,
    privateSnippet,
    publicSnippet,
    scan,
    ingestionToken: ingestion.token,
  };
}

/** A fresh session for a role: each request gets its own, so log-outs in one cell affect no other. */
export async function cookieFor(world: World, role: Role): Promise<string | null> {
  if (role === "anonymous") return null;
  const setCookie = await createSession(world.people[role].id, new Request("http://security.test/"));
  return setCookie.split(";")[0]!;
}

/** Values for the route parameters the app uses; a route with a new parameter names it in its rule. */
export function paramValues(world: World, document: keyof World["documents"]): Record<string, string> {
  return {
    workspaceId: world.workspace.id,
    organizationId: world.organization.id,
    documentId: world.documents[document].id,
    recordingId: world.recording.id,
    startMs: "0",
    sentId: world.sent.id,
    scanId: world.scan.id,
    jobId: world.scan.jobId,
    shareId: world.privateSnippet.shareId,
  };
}
