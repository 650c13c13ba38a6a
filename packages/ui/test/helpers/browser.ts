import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";
import { createClient, type CairnClient } from "@cairn/sdk";
import { ensureUiBuilt } from "./ui-build.js";

/** Debian's chromium package; CAIRN_CHROMIUM points elsewhere. Nothing is downloaded. */
const CHROMIUM = process.env.CAIRN_CHROMIUM ?? "/usr/bin/chromium";
const SCREENSHOTS = fileURLToPath(new URL("../../../../test-output/ui/", import.meta.url));

/** A real Cairn server (SQLite, local artifacts) serving the built UI, a client to seed it, and a headless Chromium. */
export interface UiHarness {
  server: EphemeralServer;
  client: CairnClient;
  browser: Browser;
  /** A fresh page in a 1280x800 window (or the viewport given), failing the test on any page error. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** Errors the pages threw or logged to the console, to assert there were none. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Starts the server and the browser; the UI is built first when its sources changed. */
export async function startUiHarness(): Promise<UiHarness> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}. Install Debian's: apt-get update && apt-get install -y chromium (or set CAIRN_CHROMIUM).`);
  }
  const server = await startEphemeralServer({ uiDir: await ensureUiBuilt() });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
  const pageErrors: string[] = [];
  return {
    server,
    client: createClient({ trackingUri: server.url, maxRetries: 0 }),
    browser,
    pageErrors,
    async newPage(viewport = { width: 1280, height: 800 }) {
      const page = await browser.newPage({ viewport, baseURL: server.url });
      page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
      page.on("console", (message) => {
        // 4xx answers the page handles (a bad filter, say) are logged by Chromium as failed loads: not page errors.
        if (message.type() === "error" && !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) {
          pageErrors.push(`console: ${message.text()}`);
        }
      });
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Saves a full-page screenshot under test-output/ui/ for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}
