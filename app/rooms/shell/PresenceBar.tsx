import { useOthers, useSelf } from "@liveblocks/react";
import type { UserInfo } from "../../../liveblocks.config";
import { isSystemUser } from "../system-users";

const initials = (name: string) =>
  name
    .split(/\s+/)
    .map((part) => part[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();

function Avatar({ info, you }: { info: UserInfo; you?: boolean }) {
  const label = `${info.name}${you ? " (you)" : ""}${info.role === "VIEWER" ? ", viewing" : info.role === "GUEST" ? ", guest" : ""}`;
  return (
    <li className="avatar" style={{ background: info.color }} title={label} aria-label={label} data-testid="presence-avatar" data-name={info.name}>
      {initials(info.name)}
    </li>
  );
}

/** Who is in the room right now: you first, then everyone else (one avatar per person). */
export function PresenceBar() {
  const self = useSelf((me) => me.info);
  const others = useOthers((list) => {
    const seen = new Map<string, UserInfo>();
    // One avatar per person; server-side clients (the session recorder) are not people.
    for (const other of list) if (other.id && !isSystemUser(other.id) && !seen.has(other.id)) seen.set(other.id, other.info);
    return [...seen.values()];
  }, (a, b) => a.length === b.length && a.every((info, i) => info.name === b[i]?.name));
  return (
    <div className="presence" aria-label="People in this room">
      <ul className="avatars">
        {self ? <Avatar info={self} you /> : null}
        {others.map((info) => (
          <Avatar key={info.name + info.color} info={info} />
        ))}
      </ul>
      <span className="muted" data-testid="presence-count">
        {others.length + (self ? 1 : 0)} here
      </span>
    </div>
  );
}
