import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { userInfo } from "node:os";
import type { KeyValue } from "@cairn/core";

/** MLflow's source tags plus Cairn's dirty flag and diff. */
export const SOURCE_TAGS = {
  commit: "mlflow.source.git.commit",
  branch: "mlflow.source.git.branch",
  repoUrl: "mlflow.source.git.repoURL",
  name: "mlflow.source.name",
  type: "mlflow.source.type",
  user: "mlflow.user",
  dirty: "cairn.source.git.dirty",
  diff: "cairn.source.git.diff",
  error: "cairn.source.git.error",
} as const;

/** The diff tag holds at most this many characters (MLflow's tag value limit). */
export const MAX_DIFF_CHARS = 8000;

/** Where and as whom the code runs; every field is injectable for tests. */
export interface SourceContext {
  /** Directory whose git repository is recorded (default: process.cwd()). */
  cwd?: string;
  /** The entry script (default: process.argv[1]). */
  entryPoint?: string;
  /** The user (default: the OS user, else $USER / $LOGNAME). */
  user?: string;
}

interface GitResult {
  ok: boolean;
  stdout: string;
  error?: string;
}

/** Runs git without a shell; a failure is an answer (ok: false), not an exception. */
function git(args: string[], cwd: string): Promise<GitResult> {
  return new Promise((done) => {
    execFile("git", args, { cwd, encoding: "utf8", maxBuffer: 16 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (!error) return done({ ok: true, stdout });
      const code = (error as NodeJS.ErrnoException).code;
      // A diff beyond maxBuffer is still useful: its start is kept and truncated below.
      if (code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") return done({ ok: true, stdout });
      done({ ok: false, stdout, error: code === "ENOENT" ? "git is not installed" : (stderr || error.message).trim() });
    });
  });
}

/** Cuts a diff to the tag limit, ending with a marker that says how much was left out. */
export function truncateDiff(diff: string, limit = MAX_DIFF_CHARS): string {
  if (diff.length <= limit) return diff;
  const marker = (kept: number) => `\n[cairn: diff truncated, ${kept} of ${diff.length} characters kept]`;
  const kept = limit - marker(limit).length;
  return diff.slice(0, kept) + marker(kept);
}

/**
 * The code checkpoint of a run: entry script, source type and user always; inside a git
 * repository also commit, branch, origin URL, whether the tree is dirty and its diff to HEAD.
 */
export async function captureSourceTags(context: SourceContext = {}): Promise<KeyValue[]> {
  const cwd = resolve(context.cwd ?? process.cwd());
  const entry = context.entryPoint ?? process.argv[1];
  const tags: KeyValue[] = [
    { key: SOURCE_TAGS.name, value: entry ? resolve(entry) : "<interactive>" },
    { key: SOURCE_TAGS.type, value: "LOCAL" },
    { key: SOURCE_TAGS.user, value: context.user ?? currentUser() },
  ];
  const inside = await git(["rev-parse", "--is-inside-work-tree"], cwd);
  if (!inside.ok || inside.stdout.trim() !== "true") {
    // Not a repository is the normal case outside git; anything else (git missing...) is worth a tag.
    if (inside.error && !/not a git repository/i.test(inside.error)) tags.push({ key: SOURCE_TAGS.error, value: inside.error.slice(0, 500) });
    return tags;
  }
  const [commit, branch, origin, status] = await Promise.all([
    git(["rev-parse", "HEAD"], cwd),
    git(["rev-parse", "--abbrev-ref", "HEAD"], cwd),
    git(["config", "--get", "remote.origin.url"], cwd),
    git(["status", "--porcelain"], cwd),
  ]);
  // A repository without commits has no HEAD: nothing to record but the dirty state.
  if (commit.ok) tags.push({ key: SOURCE_TAGS.commit, value: commit.stdout.trim() });
  const branchName = branch.stdout.trim();
  if (branch.ok && branchName !== "HEAD") tags.push({ key: SOURCE_TAGS.branch, value: branchName });
  if (origin.ok && origin.stdout.trim()) tags.push({ key: SOURCE_TAGS.repoUrl, value: origin.stdout.trim() });
  if (!status.ok) {
    tags.push({ key: SOURCE_TAGS.error, value: (status.error ?? "git status failed").slice(0, 500) });
    return tags;
  }
  const dirty = status.stdout.trim() !== "";
  tags.push({ key: SOURCE_TAGS.dirty, value: String(dirty) });
  if (dirty && commit.ok) {
    const diff = await git(["diff", "HEAD"], cwd);
    if (diff.ok && diff.stdout !== "") tags.push({ key: SOURCE_TAGS.diff, value: truncateDiff(diff.stdout) });
    else if (!diff.ok) tags.push({ key: SOURCE_TAGS.error, value: (diff.error ?? "git diff failed").slice(0, 500) });
  }
  return tags;
}

/** Python's getpass.getuser() order, as MLflow uses it: the environment first, then the passwd entry. */
function currentUser(): string {
  const fromEnv = process.env.LOGNAME || process.env.USER || process.env.LNAME || process.env.USERNAME;
  if (fromEnv) return fromEnv;
  try {
    return userInfo().username;
  } catch (error) {
    // A uid without a passwd entry (common in containers) has no name at all.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "unknown";
    throw error;
  }
}
