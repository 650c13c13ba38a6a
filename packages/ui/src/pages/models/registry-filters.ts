import { PROMPT_TAG_KEY } from "@cairn/core";
import { filterString, nameContains } from "../../api/filter-text";

/**
 * The registered-models filter the list page sends: the name contains the user's text, and
 * never prompts, as MLflow's client does.
 */
export function registeredModelsFilter(search: string): string {
  const noPrompts = `tag.\`${PROMPT_TAG_KEY}\` != 'true'`;
  const name = nameContains(search);
  return name ? `${name} AND ${noPrompts}` : noPrompts;
}

/** The model-versions filter for every version of one registered model. */
export function versionsOfModelFilter(name: string): string {
  return `name = ${filterString(name)}`;
}
