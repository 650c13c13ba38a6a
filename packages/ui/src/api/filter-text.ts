/** A string literal in MLflow's filter grammar: backslashes and single quotes escaped. */
export function filterString(text: string): string {
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/**
 * `name ILIKE '%text%'` with the user's text taken literally (% and _ match themselves), for
 * search boxes; undefined when the text is blank.
 */
export function nameContains(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const literal = trimmed.replace(/\\/g, "\\\\").replace(/[%_]/g, (c) => `\\${c}`).replace(/'/g, "\\'");
  return `name ILIKE '%${literal}%'`;
}
