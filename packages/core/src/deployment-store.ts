import type {
  CreateDeploymentInput,
  Deployment,
  DeploymentHistoryInput,
  DeploymentRevision,
  PromoteInput,
  RollbackInput,
  SearchDeploymentsInput,
  SetAbInput,
  SetCanaryInput,
  SetShadowInput,
} from "./deployment-entities.js";

/**
 * Persistence for deployments and their revision history. Every action validates its whole
 * input, checks the model URIs it names against the registry, and writes one revision and the
 * deployment's new state in one transaction, or nothing. Answers resolve every URI to the
 * version it names at read time. Unknown deployments are RESOURCE_DOES_NOT_EXIST.
 */
export interface DeploymentStore {
  createDeployment(input: CreateDeploymentInput): Promise<Deployment>;
  getDeployment(name: string): Promise<Deployment>;
  /** Ordered by name. */
  searchDeployments(input: SearchDeploymentsInput): Promise<{ deployments: Deployment[]; next_page_token?: string }>;
  setDeploymentCanary(input: SetCanaryInput): Promise<Deployment>;
  setDeploymentAb(input: SetAbInput): Promise<Deployment>;
  setDeploymentShadow(input: SetShadowInput): Promise<Deployment>;
  promoteDeployment(input: PromoteInput): Promise<Deployment>;
  rollbackDeployment(input: RollbackInput): Promise<Deployment>;
  /** Deletes the deployment with its history; the name may then be used again. */
  deleteDeployment(name: string): Promise<void>;
  /** Revisions, newest first. */
  getDeploymentHistory(input: DeploymentHistoryInput): Promise<{ revisions: DeploymentRevision[]; next_page_token?: string }>;
}
