import type { LsonObject } from "@liveblocks/client";
import { lazy, Suspense, type LazyExoticComponent, type ReactNode } from "react";
import type { RoomBodyProps, RoomKind } from "../kind";
import { StorageGuard } from "./StorageGuard";

type AnyKind = RoomKind<LsonObject, never>;
type Body = LazyExoticComponent<(props: RoomBodyProps<unknown>) => ReactNode>;

/**
 * A room's body: its kind's lazily loaded chunk, shown while the room's storage matches the
 * kind's schema (StorageGuard). Goes inside the RoomShell. `props.page` is what the kind's
 * server half loaded for this page.
 */
export function RoomBody({ kind, props }: { kind: AnyKind; props: RoomBodyProps<unknown> }) {
  const Body = lazyBodyOf(kind);
  return (
    <StorageGuard schema={kind.storageSchema} repairUrl={`${props.base}/repair`}>
      <Suspense
        fallback={
          <p className="muted" role="status">
            Loading…
          </p>
        }
      >
        <Body {...props} />
      </Suspense>
    </StorageGuard>
  );
}

const bodies = new WeakMap<AnyKind, Body>();

function lazyBodyOf(kind: AnyKind): Body {
  let body = bodies.get(kind);
  // The page data came from the same kind's server half: its body takes it as it is.
  if (!body) bodies.set(kind, (body = lazy(kind.loadBody as () => Promise<{ default: Body }>)));
  return body;
}
