import { PROMPT_TAG_KEY } from "@cairn/core";

/** A string literal for MLflow's filter grammar: backslashes and quotes escaped. */
function quoted(text: string): string {
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/**
 * The registered-models filter the list page sends: the name ILIKE the user's text (taken
 * literally, so % and _ match themselves), and never prompts, as MLflow's client does.
 */
export function registeredModelsFilter(search: string): string {
  const noPrompts = `tag.\`${PROMPT_TAG_KEY}\` != 'true'`;
  const trimmed = search.trim();
  if (trimmed === "") return noPrompts;
  const literal = trimmed.replace(/\\/g, "\\\\").replace(/[%_]/g, (c) => `\\${c}`).replace(/'/g, "\\'");
  return `name ILIKE '%${literal}%' AND ${noPrompts}`;
}

/** The model-versions filter for every version of one registered model. */
export function versionsOfModelFilter(name: string): string {
  return `name = ${quoted(name)}`;
}
