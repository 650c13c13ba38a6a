import { formatDuration, formatNumber } from "../../format";

const pad = (n: number) => String(n).padStart(2, "0");

/** A window's start as a short column label: "01-10 14:00" in the viewer's time zone. */
export function formatWindowStart(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A share in [0, 1] as a percentage: "37.5%"; "—" when unknown. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "—";
  return `${Number((share * 100).toFixed(1))}%`;
}

/** A figure's value for a table: "—" when it could not be computed. */
export function formatFigure(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : formatNumber(value);
}

/** A window length as people say it: "1 h", "15 min", "1 d". */
export function formatWindowLength(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return formatDuration(ms);
}
