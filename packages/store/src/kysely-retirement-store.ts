import type { RetirementStore } from "@cairn/core";
import * as policies from "./retirement/retirement-policies.js";
import { retirementFacts } from "./retirement/retirement-facts.js";
import type { StoreContext } from "./tracking/context.js";

/** The RetirementStore over either dialect: policy CRUD, due-run claims and the facts plans read. */
export function createRetirementStore(ctx: StoreContext): RetirementStore {
  return {
    createRetirementPolicy: (input) => policies.createRetirementPolicy(ctx, input),
    getRetirementPolicy: (name) => policies.getRetirementPolicy(ctx, name),
    listRetirementPolicies: (input) => policies.listRetirementPolicies(ctx, input),
    deleteRetirementPolicy: (name) => policies.deleteRetirementPolicy(ctx, name),
    claimDueRetirementPolicies: (now) => policies.claimDueRetirementPolicies(ctx, now),
    recordRetirementRun: (name, at) => policies.recordRetirementRun(ctx, name, at),
    retirementFacts: (modelName) => retirementFacts(ctx, modelName),
  };
}
