import { useOthers, useSelf } from "@liveblocks/react";
import type { UserInfo } from "../presence";
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
    <li
      className="avatar"
      style={{ background: info.color }}
      title={label}
      aria-label={label}
      data-testid="presence-avatar"
      data-name={info.name}
    >
      {initials(info.name)}
    </li>
  );
}

/** Who is in the room right now: you first, then everyone else (one avatar per person). */
export function PresenceBar() {
  const self = useSelf((me) => me.info);
  const selfId = useSelf((me) => me.id);
  // One avatar per person, however many tabs they (or you) have open; server-side clients
  // (the session recorder) are not people.
  const othersByPerson = useOthers(
    (list) => {
      const seen = new Map<string, UserInfo>();
      for (const other of list)
        if (other.id && !isSystemUser(other.id) && !seen.has(other.id)) seen.set(other.id, other.info);
      return [...seen.entries()];
    },
    (a, b) => a.length === b.length && a.every(([id], i) => id === b[i]?.[0]),
  );
  const others = othersByPerson.filter(([id]) => id !== selfId);
  return (
    <div className="presence" aria-label="People in this room">
      <ul className="avatars">
        {self ? <Avatar info={self} you /> : null}
        {others.map(([id, info]) => (
          <Avatar key={id} info={info} />
        ))}
      </ul>
      <span className="muted" data-testid="presence-count">
        {others.length + (self ? 1 : 0)} here
      </span>
    </div>
  );
}
