import { useQuery } from "@tanstack/react-query";
import { useRefreshingMutation } from "../../api/use-refreshing-mutation";
import type { ModelCardFieldsPatch } from "@cairn/core";
import { modelCardApi } from "./model-card-api";

const CARDS = "model-cards";

/** A version's model card. */
export function useModelCard(name: string, version: string) {
  return useQuery({ queryKey: [CARDS, name, version], queryFn: async ({ signal }) => (await modelCardApi.get(name, version, signal)).card });
}

/** Saves a card's written fields and refreshes the cards when it lands. */
export function useSaveModelCard(name: string, version: string) {
  return useRefreshingMutation([CARDS], (edit: ModelCardFieldsPatch) => modelCardApi.update(name, version, edit));
}
