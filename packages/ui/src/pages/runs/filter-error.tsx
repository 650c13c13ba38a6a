/** The character position a search-grammar message names ("... at position 14."), if any. */
function errorPosition(message: string): number | undefined {
  // The last mention wins: the message quotes the filter first, and the filter may contain anything.
  const matches = [...message.matchAll(/\bat position (\d+)\b/g)];
  const last = matches[matches.length - 1];
  return last ? Number(last[1]) : undefined;
}

/** The server's message about a filter, with the character it points at marked in the filter text. */
export function FilterError({ id, error, filter }: { id: string; error: unknown; filter: string }) {
  const code = (error as { code?: string })?.code;
  const message = error instanceof Error ? error.message : String(error);
  const position = errorPosition(message);
  return (
    <div id={id} className="error-panel filter-error" role="alert">
      <strong>{code === "INVALID_PARAMETER_VALUE" ? "The server rejected this filter" : "Could not apply the filter"}</strong>
      <p>
        {code ? <code>{code}</code> : null} {message}
      </p>
      {position !== undefined ? <MarkedFilter text={filter} position={position} /> : null}
    </div>
  );
}

/** The filter with the character at position highlighted and a caret under it (a space stands for the end). */
function MarkedFilter({ text, position }: { text: string; position: number }) {
  const at = Math.min(position, text.length);
  const char = text.slice(at, at + 1) || " ";
  return (
    <pre className="filter-mark" aria-label={`Position ${position} in the filter`}>
      {text.slice(0, at)}
      <mark data-position={position}>{char}</mark>
      {text.slice(at + 1)}
      {"\n"}
      <span aria-hidden="true">{" ".repeat(at)}^</span>
    </pre>
  );
}
