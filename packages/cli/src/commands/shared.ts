import { InvalidArgumentError, Option, type Command } from "commander";
import { CairnError, type Experiment, type ViewType } from "@cairn/core";
import { createClient, type CairnClient } from "@cairn/sdk";
import { nodeLocalFiles } from "@cairn/sdk/node";
import type { CliIo } from "../cli-io.js";
import { resolveCliCredentials, type CliCredentials } from "../credentials-file.js";
import { resolveTrackingUri } from "../tracking-uri.js";

/** The default page size of listing commands: enough for a screen, --max-results for more. */
export const DEFAULT_MAX_RESULTS = 100;

// The CLI answers a person waiting at a prompt: fewer, shorter retries than a training script.
const CLI_MAX_RETRIES = 2;

/** The tracking URI a command talks to: --tracking-uri, else the environment's, else the default. */
export function trackingUriFor(command: Command, io: CliIo): string {
  return resolveTrackingUri(command.optsWithGlobals<{ trackingUri?: string }>().trackingUri, io.env);
}

/** The SDK client for a command, pointed at the resolved tracking URI, with the CLI's credentials unless others are given. */
export function clientFor(command: Command, io: CliIo, override: { credentials?: CliCredentials["credentials"]; maxRetries?: number } = {}): CairnClient {
  const trackingUri = trackingUriFor(command, io);
  return createClient({
    trackingUri,
    ...(override.credentials ?? resolveCliCredentials(trackingUri, io.env).credentials),
    fetch: io.fetch,
    maxRetries: override.maxRetries ?? retriesFromEnv(io.env.CAIRN_HTTP_REQUEST_MAX_RETRIES),
    retryBaseDelayMs: 250,
    // Not createNodeClient: its crash handlers and git capture are for training scripts, not the CLI.
    localFiles: nodeLocalFiles(),
  });
}

function retriesFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return CLI_MAX_RETRIES;
  if (!/^\d+$/.test(value.trim())) {
    throw new CairnError("INVALID_PARAMETER_VALUE", `CAIRN_HTTP_REQUEST_MAX_RETRIES must be a whole number of retries; got '${value}'.`);
  }
  return Number(value);
}

/** Parses a non-negative integer option value; anything else is a usage error. */
function parseCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`expected a whole number, got '${value}'.`);
  return n;
}

/** Parses --max-results: a positive integer. */
export function parseMaxResults(value: string): number {
  const n = parseCount(value);
  if (n < 1) throw new InvalidArgumentError("must be at least 1.");
  return n;
}

/** Parses one --tag k=v. */
export function parseTag(value: string, previous: { key: string; value: string }[] = []): { key: string; value: string }[] {
  const at = value.indexOf("=");
  if (at <= 0) throw new InvalidArgumentError(`expected key=value, got '${value}'.`);
  return [...previous, { key: value.slice(0, at), value: value.slice(at + 1) }];
}

const VIEWS: Record<string, ViewType> = { active: "ACTIVE_ONLY", deleted: "DELETED_ONLY", all: "ALL" };

/** The --view option, active|deleted|all, mapped to MLflow's view types. */
export function viewOption(what: string): Option {
  return new Option("--view <view>", `which ${what} to include`).choices(Object.keys(VIEWS)).default("active");
}

/** MLflow's view type for a --view value. */
export function toViewType(view: string): ViewType {
  return VIEWS[view] ?? "ACTIVE_ONLY";
}

/** Looks an experiment up by id or name; a missing one is RESOURCE_DOES_NOT_EXIST, naming what was tried. */
export async function requireExperiment(client: CairnClient, idOrName: string): Promise<Experiment> {
  const experiment = await client.resolveExperiment(idOrName);
  if (!experiment) {
    throw new CairnError("RESOURCE_DOES_NOT_EXIST", `No experiment with id or name '${idOrName}'. List them with: cairn experiments list --view all`);
  }
  return experiment;
}

/**
 * Follows next_page_token until max items are collected or the pages end; `more` tells
 * whether the server had further items beyond max.
 */
export async function collectPages<T>(max: number, fetchPage: (maxResults: number, pageToken?: string) => Promise<{ items: T[]; next_page_token?: string }>): Promise<{ items: T[]; more: boolean }> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(max - items.length, token);
    items.push(...page.items);
    token = page.next_page_token;
  } while (token && items.length < max);
  return { items: items.slice(0, max), more: token !== undefined };
}

/** Tells the person (on stderr, so --json output stays clean) that a listing was cut. */
export function noteTruncated(io: CliIo, shown: number, more: boolean): void {
  if (more) io.stderr.write(`(showing the first ${shown}; more match: raise --max-results)\n`);
}

/** Help text listing examples, added after a command's own help. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}`;
}
