import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const uiRoot = fileURLToPath(new URL("../../", import.meta.url));
const builtIndex = fileURLToPath(new URL("../../../server/ui-dist/index.html", import.meta.url));

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

let building: Promise<void> | undefined;

/**
 * Makes sure the server's ui-dist/ holds a build of the current sources: `npm install` builds
 * it, but a test run after editing the UI would otherwise test the old build.
 */
export function ensureUiBuilt(): Promise<void> {
  building ??= (async () => {
    const sourcesChanged = Math.max(newestMtime(join(uiRoot, "src")), newestMtime(join(uiRoot, "index.html")), newestMtime(join(uiRoot, "vite.config.ts")));
    if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= sourcesChanged) return;
    const { build } = await import("vite");
    await build({ configFile: join(uiRoot, "vite.config.ts"), logLevel: "warn" });
  })();
  return building;
}
