import type { ReactNode } from "react";
import type { Run } from "@cairn/core";
import { RepoLink } from "../../components/repo-link";
import { KeyValueTable } from "./key-value-table";
import { TAG, tagsOf } from "../../run-tags";

/** The code a run ran: git commit, branch, repository, whether the tree was dirty and the uncommitted diff. */
export function CodeCheckpoint({ run }: { run: Run }) {
  const tags = tagsOf(run);
  const commit = tags.get(TAG.gitCommit);
  const branch = tags.get(TAG.gitBranch);
  const repo = tags.get(TAG.gitRepoUrl);
  const dirty = tags.get(TAG.gitDirty);
  const diff = tags.get(TAG.gitDiff);
  if (!commit && !branch && !repo && !diff) return null;
  const rows: [string, ReactNode][] = [
    ["Commit", commit ? <code>{commit}</code> : "—"],
    ["Branch", branch ? <code>{branch}</code> : "—"],
    ["Repository", repo ? <RepoLink url={repo} /> : "—"],
    [
      "Working tree",
      dirty === undefined ? "—" : dirty === "true" ? <span className="badge warn">uncommitted changes</span> : <span className="badge ok">clean</span>,
    ],
  ];
  return (
    <section aria-labelledby="code-checkpoint">
      <h2 id="code-checkpoint">Code checkpoint</h2>
      <KeyValueTable caption="Code checkpoint" rows={rows} />
      {diff ? (
        <details className="git-diff">
          <summary>Uncommitted diff ({diff.split("\n").length.toLocaleString()} lines)</summary>
          <pre tabIndex={0} aria-label="Uncommitted diff">{diff}</pre>
        </details>
      ) : null}
    </section>
  );
}
