import { useEffect, useRef } from "react";
import type { OrgKey } from "../org-keys";

/**
 * Asked before a Send that would use the organisation's managed keys when the request was
 * changed by someone else since this person last touched it: a guest or teammate may have
 * turned it into a different call (a refund, a payout) that the organisation's key would
 * authorise. The server separately keeps each key to its provider's hosts.
 */
export function ConfirmOrgKeySend({
  keys,
  method,
  url,
  onConfirm,
  onCancel,
}: {
  keys: OrgKey[];
  method: string;
  url: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby="org-key-confirm-title"
      data-testid="org-key-confirm"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="org-key-confirm-title">Send with the organisation's key?</h2>
      <p>
        Someone else may have changed this request since you last edited it. It uses{" "}
        {keys.map((key, i) => (
          <span key={key.name}>
            {i ? ", " : ""}
            <code>{`{{${key.name}}}`}</code>, the organisation's {key.apiName} key (sent only to {key.hosts.join(", ")})
          </span>
        ))}
        . Check what it does before you send it.
      </p>
      <p className="confirm-request">
        <code>
          {method} {url}
        </code>
      </p>
      <div className="confirm-actions">
        <button type="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="primary" onClick={onConfirm} data-testid="org-key-confirm-send">
          Send with the organisation's key
        </button>
      </div>
    </dialog>
  );
}
