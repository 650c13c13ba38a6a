import type { LoadedModel } from "../model/load-model.js";
import { compileInputPlan, type InputPlan } from "../protocol/input-plan.js";

/**
 * A loaded model version in the routing table, with its input plan and a count of requests
 * running on it: a version the table no longer references is closed only once that count is 0,
 * so a request that started on it finishes on it.
 */
export class ServedModel {
  readonly plan: InputPlan;
  readonly outputNames: readonly string[];
  private inflight = 0;
  private retired = false;
  private closing: Promise<void> | undefined;

  constructor(
    readonly model: LoadedModel,
    private readonly onCloseError: (error: unknown) => void = () => {},
  ) {
    this.plan = compileInputPlan(model.signature, model.onnx.inputs, `model ${model.name} version ${model.version}`);
    this.outputNames = model.onnx.outputNames;
  }

  /** Requests currently running on this version. */
  get inFlight(): number {
    return this.inflight;
  }

  /** True once retired and closed (or closing). */
  get closed(): boolean {
    return this.closing !== undefined;
  }

  /** Marks a request as started on this version. */
  acquire(): void {
    this.inflight++;
  }

  /** Marks a request as finished; the last one out of a retired version closes it. */
  release(): void {
    this.inflight--;
    if (this.retired && this.inflight === 0) void this.close();
  }

  /** Takes the version out of service: it closes now if idle, else when its last request finishes. */
  retire(): void {
    this.retired = true;
    if (this.inflight === 0) void this.close();
  }

  /** Closes the session (once); resolves when it is released. */
  close(): Promise<void> {
    this.closing ??= this.model.onnx.close().catch(this.onCloseError);
    return this.closing;
  }
}
