import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../../../../", import.meta.url));
const uiRoot = join(repo, "packages/ui");
// Everything that ends up in the bundle: the UI and the packages it imports.
const INPUTS = ["packages/ui/src", "packages/ui/index.html", "packages/ui/vite.config.ts", "packages/sdk/src", "packages/core/src"];

function hashInto(hash: ReturnType<typeof createHash>, path: string): void {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) if (!name.endsWith(".test.ts")) hashInto(hash, join(path, name));
    return;
  }
  hash.update(path).update(readFileSync(path));
}

let building: Promise<string> | undefined;

/**
 * A build of the UI's current sources, in a directory named by their hash under .tmp/: test
 * files running side by side share one build, never see a half-written one, and a test run
 * after editing the UI never tests an old build. Returns the directory.
 */
export function ensureUiBuilt(): Promise<string> {
  building ??= (async () => {
    const hash = createHash("sha256");
    for (const input of INPUTS) hashInto(hash, join(repo, input));
    const dir = join(repo, ".tmp/ui-builds", hash.digest("hex").slice(0, 16));
    if (existsSync(join(dir, "index.html"))) return dir;
    const staging = `${dir}.partial-${process.pid}`;
    const { build } = await import("vite");
    await build({ configFile: join(uiRoot, "vite.config.ts"), logLevel: "warn", build: { outDir: staging, emptyOutDir: true } });
    try {
      renameSync(staging, dir);
    } catch (error) {
      // Another test process finished the same build first: use its copy.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(join(dir, "index.html"))) throw error;
    }
    return dir;
  })();
  return building;
}
