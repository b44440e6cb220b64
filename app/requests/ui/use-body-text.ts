import { useRoom } from "@liveblocks/react/suspense";
import { getYjsProviderForRoom } from "@liveblocks/yjs";
import { useEffect, useState } from "react";

/** The room's collaborative body text (Y.Text "body") and whether it has synced yet. */
export function useBodyText() {
  const room = useRoom();
  const provider = getYjsProviderForRoom(room);
  const text = provider.getYDoc().getText("body");
  const [synced, setSynced] = useState(provider.synced);
  useEffect(() => {
    const onSync = (value: boolean) => setSynced(value);
    provider.on("sync", onSync);
    setSynced(provider.synced);
    return () => provider.off("sync", onSync);
  }, [provider]);
  return { provider, text, synced };
}
