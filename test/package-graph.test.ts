import { it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

// DESIGN.md's dependency direction: everything points toward core; store and artifacts never
// import each other; server never imports sdk; nothing imports cli or ui. serve is imported only
// by the cli, whose `cairn serve`, `cairn predict` and `cairn models export` are its front door
// (loaded on demand, so other commands never load onnxruntime).
const ALLOWED: Record<string, string[]> = {
  core: [],
  store: ["core"],
  artifacts: ["core"],
  server: ["core", "store", "artifacts", "monitor"],
  sdk: ["core"],
  cli: ["core", "sdk", "server", "store", "artifacts", "serve", "monitor"],
  monitor: ["core"],
  scan: ["core"],
  serve: ["core", "sdk"],
  ui: ["core", "sdk"],
};

const packagesDir = new URL("../packages/", import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".test.ts") ? [path] : [];
  });
}

const importsOf = (text: string) => [...text.matchAll(/(?:import|export)[^'"]*?from\s+["']([^"']+)["']|import\(["']([^"']+)["']\)/g)].map((m) => m[1] ?? m[2]!);

it("packages import only what the dependency graph allows, by package name", () => {
  const problems: string[] = [];
  for (const pkg of readdirSync(packagesDir)) {
    const allowed = ALLOWED[pkg];
    assert.ok(allowed, `package ${pkg} is missing from the graph in this test`);
    for (const file of sourceFiles(join(packagesDir, pkg, "src"))) {
      const text = readFileSync(file, "utf8");
      for (const spec of importsOf(text)) {
        const other = /^@cairn\/([a-z-]+)/.exec(spec)?.[1];
        if (other && other !== pkg && !allowed.includes(other)) problems.push(`${file}: imports @cairn/${other}`);
        if (/^(\.\.\/)+\.\.\/[a-z-]+\/src/.test(spec)) problems.push(`${file}: relative import across packages (${spec})`);
        if (pkg === "core" && spec.startsWith("node:")) problems.push(`${file}: core must stay free of I/O (${spec})`);
      }
      const lines = text.split("\n").length;
      if (lines > 500) problems.push(`${file}: ${lines} lines; split it by concept`);
    }
  }
  assert.deepEqual(problems, []);
});
