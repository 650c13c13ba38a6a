import { InvalidArgumentError, type Command } from "commander";
import { APPROVAL_STAGES, APPROVAL_STATUSES, type ApprovalPolicy, type ApprovalRequest } from "@cairn/core";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { formatTime } from "../output/format.js";
import { renderFields, renderTable } from "../output/table.js";
import { clientFor, collectPages, DEFAULT_MAX_RESULTS, examples, noteTruncated, parseMaxResults } from "./shared.js";

/** --aliases a,b / --stages Staging,Production: non-empty names separated by commas. */
function parseList(value: string): string[] {
  const items = value.split(",").map((item) => item.trim());
  if (items.some((item) => item === "")) throw new InvalidArgumentError(`expected comma-separated names such as champion,challenger; got '${value}'.`);
  return items;
}

/** A stage an approval may involve, matched case-insensitively. */
function parseApprovalStage(value: string): string {
  const stage = APPROVAL_STAGES.find((s) => s.toLowerCase() === value.toLowerCase());
  if (!stage) throw new InvalidArgumentError(`expected one of ${APPROVAL_STAGES.join(", ")}, got '${value}'.`);
  return stage;
}

/** A request status filter, any case. */
function parseStatus(value: string): string {
  const status = APPROVAL_STATUSES.find((s) => s === value.toUpperCase());
  if (!status) throw new InvalidArgumentError(`expected one of ${APPROVAL_STATUSES.join(", ")}, got '${value}'.`);
  return status;
}

/** What a request moves, as a person reads it: "@champion -> 7" or "7 -> Production (archive others)". */
export function describeMove(r: ApprovalRequest): string {
  return r.kind === "alias" ? `@${r.target} -> ${r.version}` : `${r.version} -> ${r.target}${r.archive_existing_versions ? " (archive others)" : ""}`;
}

function requestSummary(verb: string, r: ApprovalRequest): string {
  return `${verb} request ${r.request_id}: ${r.name} ${describeMove(r)}, now ${r.status}.`;
}

/** A decided request: as JSON with --json, else one line saying what happened. */
function printDecision(io: CliIo, verb: string, request: ApprovalRequest, json: boolean | undefined): void {
  if (json) writeJson(io.stdout, request);
  else writeLine(io.stdout, requestSummary(verb, request));
}

function requestTable(requests: readonly ApprovalRequest[]): string {
  return renderTable(
    ["REQUEST", "MODEL", "MOVE", "STATUS", "REQUESTED BY", "CREATED", "DECIDED BY"],
    requests.map((r) => [r.request_id, r.name, describeMove(r), r.status, r.requested_by, formatTime(r.creation_timestamp), r.decided_by ?? "-"]),
  );
}

function policyView(policy: ApprovalPolicy): string {
  return renderFields([
    ["Model", policy.name],
    ["Aliases", policy.aliases.length > 0 ? policy.aliases.join(", ") : "-"],
    ["Stages", policy.stages.length > 0 ? policy.stages.join(", ") : "-"],
    ["Four eyes", policy.four_eyes ? "yes (the requester may not approve)" : "no"],
    ["Updated", `${formatTime(policy.last_updated_timestamp)} by ${policy.updated_by}`],
  ]);
}

/** Adds `cairn models request|approve|reject|cancel|requests|approval-policy` to the `cairn models` command. */
export function addModelsApprovalCommands(models: Command, io: CliIo): void {
  models
    .command("request")
    .description("request moving a protected alias to a version (--alias) or a version to a protected stage (--stage)")
    .argument("<model-uri>", "the version: models:/<name>/<version> (or @alias, /stage: resolved now)")
    .option("--alias <alias>", "move this alias to the version")
    .option("--stage <stage>", `move the version to this stage (${APPROVAL_STAGES.join(", ")})`, parseApprovalStage)
    .option("--archive-existing", "with --stage: archive the versions already in that stage when approved")
    .option("--comment <text>", "why, for the approver")
    .option("--json", "print the request as JSON")
    .addHelpText("after", examples("cairn models request models:/churn/7 --alias champion --comment 'AUC 0.91 vs 0.88'", "cairn models request models:/churn/7 --stage Production --archive-existing"))
    .action(async (uri: string, options: { alias?: string; stage?: string; archiveExisting?: boolean; comment?: string; json?: boolean }, command: Command) => {
      if ((options.alias === undefined) === (options.stage === undefined)) command.error("error: give exactly one of --alias or --stage.");
      if (options.archiveExisting && options.stage === undefined) command.error("error: --archive-existing goes with --stage.");
      const client = clientFor(command, io);
      const version = await client.registry.resolveModelUri(uri);
      const { request } = await client.approvals.request({
        name: version.name,
        version: version.version,
        ...(options.alias !== undefined ? { alias: options.alias } : { stage: options.stage!, archive_existing_versions: options.archiveExisting === true }),
        ...(options.comment !== undefined ? { comment: options.comment } : {}),
      });
      if (options.json) writeJson(io.stdout, request);
      else writeLine(io.stdout, `${requestSummary("Created", request)}\nSomeone with MANAGE on '${request.name}' approves it with: cairn models approve ${request.request_id}`);
    });

  models
    .command("approve")
    .description("approve a pending request: the alias or stage moves at once")
    .argument("<request-id>", "the request, as `cairn models requests` lists it")
    .option("--comment <text>", "a note for the record")
    .option("--json", "print the request as JSON")
    .addHelpText("after", examples("cairn models approve 3f2a... --comment 'reviewed the holdout results'"))
    .action(async (requestId: string, options: { comment?: string; json?: boolean }, command: Command) => {
      const { request } = await clientFor(command, io).approvals.approve({ request_id: requestId, ...(options.comment !== undefined ? { comment: options.comment } : {}) });
      printDecision(io, "Approved", request, options.json);
    });

  models
    .command("reject")
    .description("reject a pending request, saying why")
    .argument("<request-id>", "the request, as `cairn models requests` lists it")
    .requiredOption("--comment <text>", "why it is rejected (the requester sees it)")
    .option("--json", "print the request as JSON")
    .addHelpText("after", examples("cairn models reject 3f2a... --comment 'needs a fairness review first'"))
    .action(async (requestId: string, options: { comment: string; json?: boolean }, command: Command) => {
      const { request } = await clientFor(command, io).approvals.reject({ request_id: requestId, comment: options.comment });
      printDecision(io, "Rejected", request, options.json);
    });

  models
    .command("cancel")
    .description("withdraw a pending request (yours, or any with MANAGE on the model)")
    .argument("<request-id>", "the request, as `cairn models requests` lists it")
    .option("--json", "print the request as JSON")
    .action(async (requestId: string, options: { json?: boolean }, command: Command) => {
      const { request } = await clientFor(command, io).approvals.cancel({ request_id: requestId });
      printDecision(io, "Cancelled", request, options.json);
    });

  models
    .command("requests")
    .description("list approval requests, newest first: of one model, or of every model you may read")
    .option("--model <name>", "only this registered model's requests")
    .option("--status <status>", `only requests in this status (${APPROVAL_STATUSES.join(", ")})`, parseStatus)
    .option("--max-results <n>", "stop after this many requests", parseMaxResults, DEFAULT_MAX_RESULTS)
    .option("--json", "print a JSON array instead of a table")
    .addHelpText("after", examples("cairn models requests --status PENDING", "cairn models requests --model churn --json"))
    .action(async (options: { model?: string; status?: string; maxResults: number; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const { items, more } = await collectPages<ApprovalRequest>(options.maxResults, async (max_results, page_token) => {
        const page = await client.approvals.list({ ...(options.model ? { name: options.model } : {}), ...(options.status ? { status: options.status } : {}), max_results, ...(page_token ? { page_token } : {}) });
        return { items: page.requests, next_page_token: page.next_page_token };
      });
      if (options.json) writeJson(io.stdout, items);
      else writeLine(io.stdout, items.length === 0 ? "No approval requests found." : requestTable(items));
      noteTruncated(io, items.length, more);
    });

  models
    .command("approval-policy")
    .description("show, set or delete the approval policy protecting a model's aliases and stages")
    .argument("<name>", "registered model name")
    .option("--aliases <aliases>", "comma-separated aliases that only move through approved requests", parseList)
    .option("--stages <stages>", `comma-separated stages (${APPROVAL_STAGES.join(", ")}) versions only enter through approved requests`, parseList)
    .option("--no-four-eyes", "let the requester approve their own request")
    .option("--delete", "delete the policy")
    .option("--json", "print the policy as JSON")
    .addHelpText("after", examples("cairn models approval-policy churn --aliases champion --stages Production", "cairn models approval-policy churn", "cairn models approval-policy churn --delete"))
    .action(async (name: string, options: { aliases?: string[]; stages?: string[]; fourEyes: boolean; delete?: boolean; json?: boolean }, command: Command) => {
      const setting = options.aliases !== undefined || options.stages !== undefined;
      if (options.delete && setting) command.error("error: give either --aliases/--stages or --delete, not both.");
      if (!setting && !options.fourEyes) command.error("error: --no-four-eyes goes with --aliases or --stages (the policy is set whole).");
      const client = clientFor(command, io);
      if (options.delete) {
        await client.approvals.deletePolicy({ name });
        writeLine(io.stdout, `Deleted the approval policy of '${name}'.`);
        return;
      }
      const policy = setting
        ? (await client.approvals.setPolicy({ name, aliases: options.aliases ?? [], stages: options.stages ?? [], four_eyes: options.fourEyes })).policy
        : await client.approvals.getPolicy({ name });
      if (options.json) writeJson(io.stdout, policy ?? null);
      else writeLine(io.stdout, policy ? policyView(policy) : `Registered model '${name}' has no approval policy. Set one with: cairn models approval-policy ${name} --aliases champion --stages Production`);
    });
}
