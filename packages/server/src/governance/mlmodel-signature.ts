import type { ModelCardSignature } from "@cairn/core";

// The server has no YAML parser, and a card needs only `signature.inputs` and `.outputs` of an
// MLmodel file: JSON texts that MLflow (PyYAML's safe_dump) writes as quoted scalars, folded over
// several lines when long. This reads exactly that block; anything else yields no signature.

/** The signature's inputs and outputs as MLflow's JSON column or tensor specs; undefined when the file declares none readable. */
export function readMlmodelSignature(text: string): ModelCardSignature | undefined {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const start = lines.findIndex((l) => /^signature:\s*(#.*)?$/.test(l));
  if (start < 0) return undefined;
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== "" && !/^\s/.test(line)) break;
    block.push(line);
  }
  const inputs = specList(valueOf(block, "inputs"));
  const outputs = specList(valueOf(block, "outputs"));
  if (!inputs && !outputs) return undefined;
  return { ...(inputs ? { inputs } : {}), ...(outputs ? { outputs } : {}) };
}

/** The raw text of one key's value in the block: its first line's rest and every more-indented line after it. */
function valueOf(block: readonly string[], key: string): string[] | undefined {
  const indent = block.find((l) => l.trim() !== "")?.match(/^\s*/)?.[0].length ?? 0;
  const at = block.findIndex((l) => l.match(/^\s*/)![0].length === indent && l.slice(indent).startsWith(`${key}:`));
  if (at < 0) return undefined;
  const value = [block[at]!.slice(indent + key.length + 1)];
  for (const line of block.slice(at + 1)) {
    if (line.trim() !== "" && line.match(/^\s*/)![0].length <= indent) break;
    value.push(line);
  }
  return value;
}

/** A parsed list of specs from a scalar's lines, or undefined for null, an unknown form or text that is not a JSON list. */
function specList(lines: string[] | undefined): unknown[] | undefined {
  if (!lines) return undefined;
  const first = lines[0]!.trim();
  let json: string | undefined;
  if (first.startsWith("'")) json = singleQuoted(fold([first.slice(1), ...lines.slice(1)]));
  else if (first.startsWith('"')) json = doubleQuoted(fold([first.slice(1), ...lines.slice(1)]));
  // A plain scalar: null, or a flow sequence written as JSON.
  else if (first.startsWith("[")) json = fold([first, ...lines.slice(1)]).trim();
  if (json === undefined) return undefined;
  const parsed = parseJson(json);
  return Array.isArray(parsed) ? parsed : undefined;
}

/** YAML line folding of a flow scalar: continuation lines trimmed, one break a space, each empty line a newline. */
function fold(lines: string[]): string {
  let out = lines[0]!.replace(/\s+$/, "");
  let breaks = 0;
  for (const raw of lines.slice(1)) {
    const line = raw.trim();
    if (line === "") {
      breaks++;
      continue;
    }
    out += breaks > 0 ? "\n".repeat(breaks) : " ";
    out += line;
    breaks = 0;
  }
  return out;
}

/** The content of a single-quoted scalar ('' is a quote); undefined without its closing quote. */
function singleQuoted(text: string): string | undefined {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "'") {
      out += text[i];
      continue;
    }
    if (text[i + 1] !== "'") return out;
    out += "'";
    i++;
  }
  return undefined;
}

/** The content of a double-quoted scalar; JSON's escapes are YAML's common ones. */
function doubleQuoted(text: string): string | undefined {
  const end = /^(?:[^"\\]|\\.)*"/.exec(text);
  if (!end) return undefined;
  const decoded = parseJson(`"${end[0].slice(0, -1).replace(/\n/g, "\\n")}"`);
  return typeof decoded === "string" ? decoded : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // A signature that is not JSON is left off the card; the MLmodel file itself stays as it is.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
