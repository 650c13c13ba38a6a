#!/usr/bin/env node
// Node 20's test runner takes file paths, not globs: find every *.test.ts under packages/*/src,
// packages/*/test and test/, then hand them to `node --test` with tsx as the loader.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { spawnSync } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;
const roots = [join(root, "test")];
for (const pkg of readdirSync(join(root, "packages"))) {
  roots.push(join(root, "packages", pkg, "src"), join(root, "packages", pkg, "test"));
}

/** Collects test files below dir, skipping node_modules. */
function collect(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch (err) {
    if (err.code === "ENOENT") return out;
    throw err;
  }
  for (const name of entries) {
    if (name === "node_modules") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

const filter = process.argv.slice(2);
let files = roots.flatMap((dir) => collect(dir, [])).sort();
if (filter.length > 0) files = files.filter((f) => filter.some((part) => f.includes(part)));
if (files.length === 0) {
  console.error("no test files matched");
  process.exit(1);
}
console.log(`running ${files.length} test files`);
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", ...files.map((f) => relative(root, f))],
  { cwd: root, stdio: "inherit" },
);
process.exit(result.status ?? 1);
