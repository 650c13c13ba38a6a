import { useState } from "react";
import type { ApiToken } from "@cairn/core";

/** A just-created token's secret, shown this once, with a Copy button. */
export function NewTokenSecret({ token, secret, dismiss }: { token: ApiToken; secret: string; dismiss: () => void }) {
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <div className="secret-panel" role="region" aria-label={`Secret of token ${token.name}`}>
      <strong>Token {token.name} created. Copy its secret now: Cairn shows it only this once.</strong>
      <div className="secret-line">
        <code className="token-secret" data-token-id={token.token_id}>
          {secret}
        </code>
        <button
          type="button"
          onClick={() =>
            navigator.clipboard.writeText(secret).then(
              () => setCopy("copied"),
              () => setCopy("failed"),
            )
          }
        >
          Copy secret
        </button>
        <button type="button" onClick={dismiss}>
          I have saved it
        </button>
      </div>
      <p role="status" className="muted">
        {copy === "copied" ? "Copied to the clipboard." : copy === "failed" ? "The browser refused the clipboard: select the secret and copy it by hand." : ""}
      </p>
      <p className="muted">
        Use it as <code>CAIRN_TRACKING_TOKEN</code> or <code>Authorization: Bearer …</code>.
      </p>
    </div>
  );
}
