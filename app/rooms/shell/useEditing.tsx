import { shallow, useOthersMapped, useSelf, useUpdateMyPresence } from "@liveblocks/react";

/**
 * Presence for one editable field: who else is in it, and focus/blur handlers that say
 * when I am. Also whether I may write at all (viewers may not).
 */
export function useEditing(fieldId: string) {
  const updateMyPresence = useUpdateMyPresence();
  const canWrite = useSelf((me) => me.canWrite) ?? false;
  const editors = useOthersMapped((other) => (other.presence.editing === fieldId ? other.info : null), shallow)
    .map(([, info]) => info)
    .filter((info) => info !== null);
  return {
    canWrite,
    editors,
    focusProps: {
      onFocus: () => updateMyPresence({ editing: fieldId }),
      onBlur: () => updateMyPresence({ editing: null }),
    },
  };
}

export function EditorsBadge({ editors }: { editors: { name: string; color: string }[] }) {
  if (editors.length === 0) return null;
  return (
    <span className="editors">
      {editors.map((e) => (
        <span key={e.name} className="editor-chip" style={{ background: e.color }}>
          {e.name} is editing
        </span>
      ))}
    </span>
  );
}
