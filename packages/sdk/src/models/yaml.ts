/** A value the YAML emitter can write; undefined map entries are left out. */
export type YamlValue = null | boolean | number | string | YamlValue[] | { [key: string]: YamlValue | undefined };

/** Words YAML 1.1 readers (PyYAML) would take as null or booleans if left unquoted. */
const RESERVED = new Set(["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"]);
/** Strings safe to write plain: no indicators, no spaces, not starting like a number. */
const PLAIN = /^[A-Za-z_][A-Za-z0-9_./+@-]*$/;
/** Dotted versions ("3.6.1") are no number or date in YAML, so PyYAML writes them plain too. */
const VERSION = /^\d+(\.\d+){2,}$/;

/** A string as a YAML scalar: plain when unambiguous, else single-quoted, else double-quoted (control characters). */
export function yamlString(text: string): string {
  if ((PLAIN.test(text) && !RESERVED.has(text.toLowerCase())) || VERSION.test(text)) return text;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(text)) return JSON.stringify(text);
  return `'${text.replace(/'/g, "''")}'`;
}

function isCollection(value: YamlValue | undefined): value is YamlValue[] | { [key: string]: YamlValue | undefined } {
  return typeof value === "object" && value !== null;
}

function isEmpty(value: YamlValue[] | { [key: string]: YamlValue | undefined }): boolean {
  return Array.isArray(value) ? value.length === 0 : entries(value).length === 0;
}

function entries(map: { [key: string]: YamlValue | undefined }): [string, YamlValue][] {
  return Object.entries(map)
    .filter((entry): entry is [string, YamlValue] => entry[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function scalar(value: YamlValue): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return ".nan";
    if (!Number.isFinite(value)) return value > 0 ? ".inf" : "-.inf";
    return String(value);
  }
  if (typeof value === "string") return yamlString(value);
  return Array.isArray(value) ? "[]" : "{}";
}

function block(value: YamlValue[] | { [key: string]: YamlValue | undefined }, pad: string): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (!isCollection(item) || isEmpty(item)) return [`${pad}- ${scalar(item)}`];
      if (Array.isArray(item)) return [`${pad}-`, ...block(item, `${pad}  `)];
      const inner = block(item, `${pad}  `);
      return [`${pad}- ${inner[0]!.slice(pad.length + 2)}`, ...inner.slice(1)];
    });
  }
  return entries(value).flatMap(([key, item]) => {
    const head = `${pad}${yamlString(key)}:`;
    if (!isCollection(item) || isEmpty(item)) return [`${head} ${scalar(item)}`];
    // Sequences under a key are not indented further, as PyYAML writes them.
    return [head, ...block(item, Array.isArray(item) ? pad : `${pad}  `)];
  });
}

/** Block-style YAML for value, map keys sorted as PyYAML's safe_dump writes them (MLmodel files). */
export function toYaml(value: YamlValue): string {
  if (!isCollection(value) || isEmpty(value)) return `${scalar(value)}\n`;
  return `${block(value, "").join("\n")}\n`;
}
