import { useOthersMapped, useUpdateMyPresence } from "@liveblocks/react";
import { shallow } from "@liveblocks/react";
import { useRef } from "react";

/**
 * The room's body with everyone's pointer drawn on top. Positions are relative to this
 * surface (scroll included), so a cursor points at the same thing on every screen of a
 * similar width.
 */
export function CursorSurface({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const updateMyPresence = useUpdateMyPresence();
  const cursors = useOthersMapped(
    (other) => ({ cursor: other.presence.cursor, name: other.info.name, color: other.info.color }),
    shallow,
  );

  function onPointerMove(event: React.PointerEvent) {
    const box = ref.current?.getBoundingClientRect();
    if (!box) return;
    updateMyPresence({ cursor: { x: Math.round(event.clientX - box.left), y: Math.round(event.clientY - box.top) } });
  }

  return (
    <div
      ref={ref}
      className="cursor-surface"
      onPointerMove={onPointerMove}
      onPointerLeave={() => updateMyPresence({ cursor: null })}
    >
      {children}
      {cursors.map(([connectionId, { cursor, name, color }]) =>
        cursor ? (
          <div
            key={connectionId}
            className="live-cursor"
            data-testid="live-cursor"
            data-name={name}
            data-x={cursor.x}
            data-y={cursor.y}
            style={{ transform: `translate(${cursor.x}px, ${cursor.y}px)`, color }}
            aria-hidden
          >
            <svg width="18" height="18" viewBox="0 0 18 18">
              <path d="M1 1 L7 17 L9.5 9.5 L17 7 Z" fill="currentColor" stroke="white" strokeWidth="1.2" />
            </svg>
            <span className="live-cursor-label" style={{ background: color }}>
              {name}
            </span>
          </div>
        ) : null,
      )}
    </div>
  );
}
