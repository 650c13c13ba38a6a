import type { DeploymentStore } from "@cairn/core";
import * as changes from "./deployments/deployment-changes.js";
import * as deployments from "./deployments/deployments.js";
import type { StoreContext } from "./tracking/context.js";

/** The DeploymentStore over either dialect: deployments, their actions and revision history. */
export function createDeploymentStore(ctx: StoreContext): DeploymentStore {
  return {
    createDeployment: (input) => deployments.createDeployment(ctx, input),
    getDeployment: (name) => deployments.getDeployment(ctx, name),
    searchDeployments: (input) => deployments.searchDeployments(ctx, input),
    setDeploymentCanary: (input) => changes.setDeploymentCanary(ctx, input),
    setDeploymentAb: (input) => changes.setDeploymentAb(ctx, input),
    setDeploymentShadow: (input) => changes.setDeploymentShadow(ctx, input),
    promoteDeployment: (input) => changes.promoteDeployment(ctx, input),
    rollbackDeployment: (input) => changes.rollbackDeployment(ctx, input),
    deleteDeployment: (name) => deployments.deleteDeployment(ctx, name),
    getDeploymentHistory: (input) => deployments.getDeploymentHistory(ctx, input),
  };
}
