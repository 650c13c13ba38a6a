import { columnValue, type DataColumn } from "./column-ids";
import type { IndexedRun } from "./run-fields";

/** A group header row: the group's value and how many loaded runs it holds. */
export interface GroupRow {
  kind: "group";
  key: string;
  value: string;
  count: number;
  collapsed: boolean;
}

/** A run row, indented by depth under its parent; childCount > 0 gives it a toggle. */
export interface RunRow {
  kind: "run";
  key: string;
  run: IndexedRun;
  depth: number;
  childCount: number;
  expanded: boolean;
}

/** One line of the runs table. */
export type DisplayRow = GroupRow | RunRow;

/** Which parents are expanded and which groups are collapsed, by id. */
export interface TreeState {
  groupBy: DataColumn | undefined;
  expandedRuns: ReadonlySet<string>;
  collapsedGroups: ReadonlySet<string>;
}

const NO_VALUE = "(none)";
const collator = new Intl.Collator(undefined, { numeric: true });

/** The table's lines: runs in server order, grouped when asked, children under loaded parents. */
export function buildDisplayRows(runs: readonly IndexedRun[], state: TreeState): DisplayRow[] {
  const { groupBy } = state;
  if (!groupBy) return nestRuns(runs, state.expandedRuns, "");
  const groups = new Map<string, IndexedRun[]>();
  for (const run of runs) {
    const raw = columnValue(run, groupBy);
    const value = raw === undefined ? NO_VALUE : String(raw);
    const members = groups.get(value);
    if (members) members.push(run);
    else groups.set(value, [run]);
  }
  const values = [...groups.keys()].sort(compareValues);
  const rows: DisplayRow[] = [];
  for (const value of values) {
    const members = groups.get(value) ?? [];
    const key = `group:${value}`;
    const collapsed = state.collapsedGroups.has(value);
    rows.push({ kind: "group", key, value, count: members.length, collapsed });
    if (!collapsed) rows.push(...nestRuns(members, state.expandedRuns, `${key}/`));
  }
  return rows;
}

/** Group values in natural order: numbers by value (0.001 < 0.01 < 0.1), text with its digits as numbers (run-2 < run-10), no value last. */
function compareValues(a: string, b: string): number {
  if (a === NO_VALUE || b === NO_VALUE) return a === b ? 0 : a === NO_VALUE ? 1 : -1;
  const x = a.trim() === "" ? NaN : Number(a);
  const y = b.trim() === "" ? NaN : Number(b);
  if (!Number.isNaN(x) && !Number.isNaN(y) && x !== y) return x - y;
  return collator.compare(a, b);
}

/** Runs with each child under its parent when the parent is among them; orphans stay at the top level. */
function nestRuns(runs: readonly IndexedRun[], expanded: ReadonlySet<string>, keyPrefix: string): RunRow[] {
  const ids = new Set(runs.map((r) => r.id));
  const children = new Map<string, IndexedRun[]>();
  for (const run of runs) {
    if (run.parentId === undefined || !ids.has(run.parentId)) continue;
    const siblings = children.get(run.parentId);
    if (siblings) siblings.push(run);
    else children.set(run.parentId, [run]);
  }
  const rows: RunRow[] = [];
  const placed = new Set<string>();
  const place = (run: IndexedRun, depth: number) => {
    if (placed.has(run.id)) return;
    placed.add(run.id);
    const kids = children.get(run.id) ?? [];
    const open = expanded.has(run.id);
    rows.push({ kind: "run", key: keyPrefix + run.id, run, depth, childCount: kids.length, expanded: open });
    if (open) for (const kid of kids) place(kid, depth + 1);
    // Collapsed descendants still count as placed, so that the cycle check below does not surface them.
    else markPlaced(run.id);
  };
  const markPlaced = (id: string) => {
    for (const kid of children.get(id) ?? []) {
      if (placed.has(kid.id)) continue;
      placed.add(kid.id);
      markPlaced(kid.id);
    }
  };
  for (const run of runs) if (run.parentId === undefined || !ids.has(run.parentId)) place(run, 0);
  // Runs in a parent cycle (a names b, b names a) have no top-level ancestor: show them rather than lose them.
  for (const run of runs) if (!placed.has(run.id)) place(run, 0);
  return rows;
}
