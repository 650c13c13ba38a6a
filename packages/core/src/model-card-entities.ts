/**
 * Model cards: one page per model version saying what it is for, where it came from and where it
 * runs. People write a few fields; the rest is assembled from the registry, the source run, its
 * datasets, deployments, monitors and approvals whenever the card is read.
 */
import type { ApprovalRequest } from "./approval-entities.js";

/** The fields people write; the empty string and [] mean "not written yet". */
export interface ModelCardFields {
  intended_use: string;
  limitations: string;
  ethical_considerations: string;
  owners: string[];
  updated_by?: string;
  last_updated_timestamp?: number;
}

/** model-cards/update: only the given fields change. */
export interface ModelCardFieldsPatch {
  intended_use?: string;
  limitations?: string;
  ethical_considerations?: string;
  owners?: string[];
}

/** The version as the card shows it. */
export interface ModelCardModel {
  description: string;
  tags: Record<string, string>;
  aliases: string[];
  current_stage: string;
  source: string;
  run_id?: string;
  status: string;
  creation_timestamp: number;
}

/** Where the code of the source run came from (its git checkpoint tags). */
export interface ModelCardGit {
  commit?: string;
  branch?: string;
  remote?: string;
  entry_point?: string;
  dirty?: boolean;
}

/** The run that produced the version. */
export interface ModelCardRun {
  run_id: string;
  experiment_id: string;
  run_name: string;
  params: Record<string, string>;
  /** Latest value per metric key; NaN and ±Infinity as MLflow's strings. */
  metrics: Record<string, number | string>;
  git?: ModelCardGit;
}

/** One dataset the source run used. */
export interface ModelCardDataset {
  name: string;
  digest: string;
  source: string;
  /** mlflow.data.context ("training", "evaluation", ...); "" when not given. */
  context: string;
}

/** The version's MLmodel signature, as MLflow's column or tensor specs. */
export interface ModelCardSignature {
  inputs?: unknown[];
  outputs?: unknown[];
}

/** How one deployment routes traffic to the version. */
export interface ModelCardDeployment {
  name: string;
  role: "primary" | "canary" | "variant" | "shadow";
  /** Share of the deployment's requests answered by (shadow: copied to) the version. */
  percent: number;
}

/** A monitor watching the model or one of the deployments serving the version. */
export interface ModelCardMonitor {
  name: string;
  model_name?: string;
  deployment?: string;
  /** FIRING when any alert rule fires, OK when rules exist and none fires, NO_RULES otherwise. */
  alert_status: "FIRING" | "OK" | "NO_RULES";
  firing_rules: string[];
  last_alert?: { rule_name: string; state: string; message: string; timestamp_ms: number };
}

/** The whole card, as model-cards/get answers it. */
export interface ModelCard {
  name: string;
  version: string;
  generated_at: number;
  fields: ModelCardFields;
  model: ModelCardModel;
  run?: ModelCardRun;
  datasets: ModelCardDataset[];
  signature?: ModelCardSignature;
  deployments: ModelCardDeployment[];
  monitors: ModelCardMonitor[];
  /** Approval requests for this version, newest first. */
  approvals: ApprovalRequest[];
}

/** Limits of the card's fields. */
export const MODEL_CARD_LIMITS = {
  textLength: 20_000,
  owners: 50,
  ownerLength: 256,
} as const;

