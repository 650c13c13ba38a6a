import { ErrorPanel } from "../../components/page-state";
import { useAuditVerification } from "./audit-queries";

/** Verify: re-checks the hash chain and says OK, or lists each problem with its entry. */
export function AuditVerify() {
  const verify = useAuditVerification();
  const result = verify.data;
  return (
    <div className="audit-verify">
      <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
        {verify.isPending ? "Verifying…" : "Verify the log"}
      </button>
      <div aria-live="polite">
        {result ? (
          (result.problems ?? []).length === 0 && result.ok ? (
            <p className="verify-result ok" data-ok="true">
              <span className="badge ok">OK</span> {result.entries_checked} entries checked; the chain is intact up to entry {result.head_seq}.
            </p>
          ) : (
            <div className="verify-result problems" data-ok="false">
              <p>
                <span className="badge danger">Problems</span> {result.entries_checked} entries checked, {(result.problems ?? []).length} problem(s):
              </p>
              <ul>
                {(result.problems ?? []).map((p) => (
                  <li key={`${p.seq}-${p.problem}`}>
                    Entry {p.seq}: <strong>{p.problem}</strong> — {p.message}
                  </li>
                ))}
              </ul>
            </div>
          )
        ) : null}
      </div>
      {verify.isError ? <ErrorPanel error={verify.error} title="Could not verify the log" /> : null}
    </div>
  );
}
