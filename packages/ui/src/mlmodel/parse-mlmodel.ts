import { parse } from "yaml";

/** One column (a column-based signature) or tensor (a tensor-based one) of an MLflow model signature. */
export interface SignatureField {
  name?: string;
  type: string;
  /** Tensors only: the shape, -1 for a free dimension. */
  shape?: number[];
  required?: boolean;
}

/** What the UI shows of an MLmodel file: its flavors, signature and the rest as it was written. */
export interface MlModel {
  flavors: string[];
  inputs?: SignatureField[];
  outputs?: SignatureField[];
  params?: SignatureField[];
  modelId?: string;
  runId?: string;
  createdAt?: string;
  raw: Record<string, unknown>;
}

/** MLflow writes each signature part as a JSON string inside the YAML. */
function fields(text: unknown): SignatureField[] | undefined {
  if (typeof text !== "string" || text.trim() === "") return undefined;
  const parsed = JSON.parse(text) as Array<{ name?: string; type: string; "tensor-spec"?: { dtype: string; shape: number[] }; required?: boolean }>;
  return parsed.map((f) => ({
    name: f.name,
    type: f.type === "tensor" && f["tensor-spec"] ? `tensor<${f["tensor-spec"].dtype}>` : f.type,
    shape: f["tensor-spec"]?.shape,
    required: f.required,
  }));
}

/** Parses an MLmodel file; throws with the reason when it is not YAML or its signature is not JSON. */
export function parseMlModel(text: string): MlModel {
  const raw = parse(text) as Record<string, unknown> | null;
  if (raw === null || typeof raw !== "object") throw new Error("The MLmodel file is empty or not a YAML mapping.");
  const signature = (raw.signature ?? {}) as Record<string, unknown>;
  return {
    flavors: Object.keys((raw.flavors ?? {}) as object),
    inputs: fields(signature.inputs),
    outputs: fields(signature.outputs),
    params: fields(signature.params),
    modelId: typeof raw.model_id === "string" ? raw.model_id : undefined,
    runId: typeof raw.run_id === "string" ? raw.run_id : undefined,
    createdAt: typeof raw.utc_time_created === "string" ? raw.utc_time_created : undefined,
    raw,
  };
}
