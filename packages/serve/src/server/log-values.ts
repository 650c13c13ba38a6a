import type { Tensor } from "onnxruntime-node";
import { oipForLog, type OipRequest } from "../protocol/oip.js";
import { payloadForLog } from "../protocol/payload-values.js";
import { predictionsValue } from "../protocol/predictions.js";
import type { Payload } from "../protocol/scoring-payload.js";
import type { Deferred } from "../telemetry/inference-log-queue.js";

// Classes rather than closures: a sampled request allocates one small object per field, and the
// JSON-ready values are built when the batch is sent, not while the client waits.

/** An /invocations request's data for the log, built at flush. */
export class LoggedPayload implements Deferred {
  constructor(private readonly payload: Payload) {}
  resolve(): unknown {
    return payloadForLog(this.payload);
  }
}

/** An OIP request's tensors for the log. */
export class LoggedOipInputs implements Deferred {
  constructor(private readonly request: OipRequest) {}
  resolve(): unknown {
    return oipForLog(this.request);
  }
}

/**
 * dataframe_split rows for the log, with the column list swapped for an equal long-lived copy:
 * a queued record then keeps the rows alive but not the request's column-name strings, which
 * keeps what survives a young-generation collection small.
 */
export class LoggedSplit implements Deferred {
  constructor(
    private readonly columns: readonly string[],
    private readonly data: unknown,
  ) {}
  resolve(): unknown {
    return { dataframe_split: { columns: this.columns, data: this.data } };
  }
}

/** A model's outputs for the log, shaped as /invocations' predictions. */
export class LoggedPredictions implements Deferred {
  constructor(
    private readonly outputs: Record<string, Tensor>,
    private readonly names: readonly string[],
    private readonly rows: number,
  ) {}
  resolve(): unknown {
    return predictionsValue(this.outputs, this.names, this.rows);
  }
}
