import { CairnError } from "@cairn/core";
import { parseCsvTable } from "./csv-table.js";
import { ScoringHttpError } from "./scoring-error.js";

/** The four JSON input forms of MLflow's /invocations. */
export const JSON_FORMS = ["dataframe_split", "dataframe_records", "instances", "inputs"] as const;

/** A request's data, recognized but not yet checked against any model. */
export type Payload =
  | { readonly form: "dataframe_split"; readonly columns: unknown; readonly data: unknown }
  | { readonly form: "csv"; readonly columns: readonly string[]; readonly data: readonly (readonly string[])[] }
  | { readonly form: "dataframe_records"; readonly records: unknown }
  | { readonly form: "instances" | "inputs"; readonly value: unknown };

/** A parsed /invocations body: its data, plus MLflow's optional params (which ONNX models take none of). */
export interface ScoringBody {
  readonly payload: Payload;
  readonly params?: Record<string, unknown>;
}

const bad = (message: string) => new CairnError("BAD_REQUEST", message);

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaType(contentType: string | undefined): string {
  if (!contentType) return "";
  const semi = contentType.indexOf(";");
  return (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

/** Parses an /invocations body by its content type: application/json or text/csv; anything else is 415. */
export function parseScoringBody(contentType: string | undefined, body: string | undefined): ScoringBody {
  const type = mediaType(contentType);
  if (type === "application/json") return parseJsonBody(body);
  if (type === "text/csv") return { payload: { form: "csv", ...parseCsvTable(body ?? "") } };
  throw new ScoringHttpError(
    415,
    "BAD_REQUEST",
    `This predictor only supports the content types application/json and text/csv; got ${type === "" ? "no Content-Type" : `'${type}'`}. Send the body with Content-Type: application/json.`,
  );
}

/** Parses a JSON /invocations body into exactly one of MLflow's input forms. */
export function parseJsonBody(body: string | undefined): ScoringBody {
  if (body === undefined || body.trim() === "") throw bad(`The request body is empty; send a JSON object with one of ${JSON_FORMS.join(", ")}.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw bad(`The request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
  return readJsonForm(parsed);
}

/** Picks MLflow's input form out of a parsed JSON body. */
export function readJsonForm(parsed: unknown): ScoringBody {
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw bad(`The request body must be a JSON object with exactly one of ${JSON_FORMS.join(", ")}; got ${Array.isArray(parsed) ? "a list" : typeof parsed}.`);
  }
  const body = parsed as Record<string, unknown>;
  // The usual request carries one form and nothing else: test the keys directly before the general path.
  let form: (typeof JSON_FORMS)[number] | undefined;
  let count = 0;
  for (const key of JSON_FORMS) {
    if (body[key] !== undefined) {
      form = key;
      count++;
    }
  }
  if (count !== 1 || form === undefined) {
    const given = Object.keys(body);
    throw bad(
      `The request body must have exactly one of the fields ${JSON_FORMS.join(", ")}; it has ${given.length === 0 ? "no fields" : given.map((k) => `'${k}'`).join(", ")}. ` +
        `For example {"dataframe_split": {"columns": ["a", "b"], "data": [[1, 2]]}}.`,
    );
  }
  const params = body.params;
  if (params !== undefined && (typeof params !== "object" || params === null || Array.isArray(params))) {
    throw bad(`'params' must be a JSON object of parameter names to values; got ${Array.isArray(params) ? "a list" : typeof params}.`);
  }
  const value = body[form];
  const payload = formPayload(form, value);
  return params === undefined ? { payload } : { payload, params: params as Record<string, unknown> };
}

function formPayload(form: (typeof JSON_FORMS)[number], value: unknown): Payload {
  if (form === "dataframe_split") {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw bad(`'dataframe_split' must be an object {"columns": [...], "data": [[...], ...]}; got ${Array.isArray(value) ? "a list" : typeof value}.`);
    }
    const split = value as { columns?: unknown; data?: unknown };
    return { form, columns: split.columns, data: split.data };
  }
  if (form === "dataframe_records") return { form, records: value };
  return { form, value };
}
