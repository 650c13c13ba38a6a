import { SingleBar } from "cli-progress";
import type { CliIo } from "../cli-io.js";
import { formatBytes } from "./format.js";

/** Where a row-by-row job stands. */
export interface RowProgress {
  rows: number;
  bytesRead: number;
}

/** A progress bar for reading a row file, or one that draws nothing. */
export interface RowBar {
  update(progress: RowProgress): void;
  stop(): void;
}

/**
 * A cli-progress bar on stderr (stdout stays clean for scripts) when stderr is a terminal or
 * --progress asks for it; off a terminal it prints periodic lines instead of redrawing. The bar
 * runs on bytes read, which every format knows in advance (a row count only Parquet does).
 */
export function rowBar(io: CliIo, label: string, totalBytes: number, requested: boolean | undefined): RowBar {
  const isTTY = (io.stderr as { isTTY?: boolean }).isTTY === true;
  if (!isTTY && !requested) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({
    stream: io.stderr as unknown as NodeJS.WritableStream,
    format: `${label} [{bar}] {percentage}% | {rows} rows | {read} / {size}`,
    noTTYOutput: !isTTY,
    hideCursor: isTTY,
    gracefulExit: false,
    barsize: 30,
  });
  const size = formatBytes(totalBytes);
  bar.start(Math.max(1, totalBytes), 0, { rows: "0", read: formatBytes(0), size });
  let stopped = false;
  return {
    update(progress) {
      bar.update(Math.min(progress.bytesRead, Math.max(1, totalBytes)), { rows: progress.rows.toLocaleString("en-US"), read: formatBytes(progress.bytesRead), size });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
