import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import type { PermissionLevel } from "@cairn/core";
import { createClient, type CairnClient } from "@cairn/sdk";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";
import { ensureUiBuilt } from "./ui-build.js";

const CHROMIUM = process.env.CAIRN_CHROMIUM ?? "/usr/bin/chromium";

/** The first admin every governance test server starts with. */
export const ADMIN = { username: "admin", password: "admin-pass-1" } as const;

/** A Cairn server with authentication on, serving the built UI, and a headless Chromium. */
export interface GovernanceHarness {
  server: EphemeralServer;
  /** An SDK client signed in as ADMIN (HTTP Basic), to seed. */
  admin: CairnClient;
  browser: Browser;
  /** Moves the server's clock forward (the sign-in rate limit's window passes without waiting). */
  advanceClock(ms: number): void;
  /** A page in a fresh browser context (its own cookies: one person), failing the test on page errors. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  pageErrors: string[];
  /** Calls a Cairn endpoint as a user with HTTP Basic; returns status and parsed body. */
  call(as: { username: string; password: string }, method: "GET" | "POST", path: string, body?: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

const basic = (u: { username: string; password: string }) => `Basic ${Buffer.from(`${u.username}:${u.password}`).toString("base64")}`;

/** Starts the server (auth on, the given default permission) with ADMIN, and the browser. */
export async function startGovernanceHarness(options: { defaultPermission?: PermissionLevel } = {}): Promise<GovernanceHarness> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}. Install Debian's: apt-get install -y chromium (or set CAIRN_CHROMIUM).`);
  let offset = 0;
  const clock = () => Date.now() + offset;
  const server = await startEphemeralServer({
    uiDir: await ensureUiBuilt(),
    clock,
    auth: { defaultPermission: options.defaultPermission ?? "READ", clock },
    bootstrapAdmin: ADMIN,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
  const pageErrors: string[] = [];
  return {
    server,
    admin: createClient({ trackingUri: server.url, maxRetries: 0, username: ADMIN.username, password: ADMIN.password }),
    browser,
    pageErrors,
    advanceClock: (ms) => {
      offset += ms;
    },
    async newPage(viewport = { width: 1280, height: 800 }) {
      const context = await browser.newContext({ viewport, baseURL: server.url, permissions: ["clipboard-read", "clipboard-write"] });
      const page = await context.newPage();
      page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
      page.on("console", (message) => {
        // 4xx answers the pages handle (a 401 that leads to sign-in, a 403 shown as an error) are logged as failed loads: not page errors.
        if (message.type() === "error" && !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) pageErrors.push(`console: ${message.text()}`);
      });
      return page;
    },
    async call(as, method, path, body) {
      const url = `${server.url}/api/2.0/${path}`;
      const init: RequestInit = { method, headers: { authorization: basic(as), "content-type": "application/json" } };
      const response = method === "GET" ? await fetch(`${url}?${new URLSearchParams(body as Record<string, string>)}`, { headers: { authorization: basic(as) } }) : await fetch(url, { ...init, body: JSON.stringify(body ?? {}) });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Signs in on the sign-in page and waits until it has left it. */
export async function signIn(page: Page, user: { username: string; password: string }, from = "/"): Promise<void> {
  await page.goto(from === "/" ? "/signin" : `/signin?next=${encodeURIComponent(from)}`);
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/signin");
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

/** Creates a user as ADMIN through the API. */
export async function createUser(gov: GovernanceHarness, username: string, password: string): Promise<void> {
  const { status, body } = await gov.call(ADMIN, "POST", "cairn/users/create", { username, password });
  assert.equal(status, 200, JSON.stringify(body));
}
