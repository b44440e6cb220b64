import { referencedVariables } from "./outgoing";
import type { RequestDraft } from "./request-draft";

/**
 * Which of the organisation's managed keys a Send would use, worked out the way the
 * server resolves variables (send.server.ts): a shared environment value of the same name
 * wins, then the sender's own secret value, and only then the organisation's key.
 */
export type OrgKey = { name: string; apiName: string; hosts: string[] };

export function orgKeysUsedBy(
  draft: RequestDraft,
  environment: { id: string; variables: { name: string; secret: boolean }[] } | null,
  mySecrets: readonly { environmentId: string; name: string }[],
  orgKeys: readonly OrgKey[],
): OrgKey[] {
  const used = new Set(referencedVariables(draft));
  const shared = new Set(environment?.variables.filter((v) => !v.secret).map((v) => v.name) ?? []);
  const mine = new Set(mySecrets.filter((s) => s.environmentId === environment?.id).map((s) => s.name));
  return orgKeys.filter((key) => used.has(key.name) && !shared.has(key.name) && !mine.has(key.name));
}
