import type { FastifyInstance } from "fastify";
import { Type } from "@sinclair/typebox";
import { LIMITS, invalidParameter, type HistoryPoint, type TrackingStore } from "@cairn/core";
import { addRoute } from "../route.js";

// Bounds are checked in the handler rather than by the schema so the message can say what to send.
const DownsampleQuery = Type.Object({
  run_id: Type.String({ minLength: 1 }),
  metric_key: Type.String({ minLength: 1 }),
  max_points: Type.Optional(Type.Integer({ description: `2..${LIMITS.downsampleMaxPoints}, 1000 by default` })),
  x_axis: Type.Optional(Type.String({ description: "step (default) or timestamp" })),
  start: Type.Optional(Type.Integer({ description: "first x of the range, inclusive" })),
  end: Type.Optional(Type.Integer({ description: "last x of the range, inclusive" })),
});

/** Cairn's chart endpoint: one metric's history min/max-downsampled on the server. */
export function metricDownsampleRoutes(app: FastifyInstance, store: TrackingStore): void {
  addRoute(app, {
    method: "GET",
    url: "/metrics/history-downsampled",
    summary: "One metric's history reduced to about max_points points (min and max per bucket of steps, so spikes survive); full resolution when the range holds no more",
    input: DownsampleQuery,
    permission: { resource: "run", level: "read" },
    handler: async (input) => {
      const maxPoints = input.max_points ?? 1000;
      if (maxPoints < 2 || maxPoints > LIMITS.downsampleMaxPoints) {
        throw invalidParameter(`Invalid value ${maxPoints} for parameter 'max_points': send an integer from 2 to ${LIMITS.downsampleMaxPoints} (about the chart's width in pixels).`);
      }
      const xAxis = input.x_axis ?? "step";
      if (xAxis !== "step" && xAxis !== "timestamp") {
        throw invalidParameter(`Invalid value "${xAxis}" for parameter 'x_axis': send "step" or "timestamp".`);
      }
      if (input.start !== undefined && input.end !== undefined && input.start > input.end) {
        throw invalidParameter(`Parameter 'start' (${input.start}) is after 'end' (${input.end}): send start <= end.`);
      }
      const history = await store.getMetricHistoryDownsampled({ run_id: input.run_id, metric_key: input.metric_key, max_points: maxPoints, x_axis: xAxis, start: input.start, end: input.end });
      return { points: history.points.map(toWirePoint), total_points: history.total_points, downsampled: history.downsampled };
    },
  });
}

/** NaN and infinities go out as the strings MLflow's history uses; JSON has no literal for them. */
function toWirePoint(p: HistoryPoint): { step: number; timestamp: number; value: number | string } {
  return Number.isFinite(p.value) ? p : { ...p, value: String(p.value) };
}
