import { SingleBar } from "cli-progress";
import type { TransferProgress } from "@cairn/sdk";
import type { CliIo } from "../cli-io.js";
import { formatBytes } from "./format.js";

/** A progress bar for one upload or download, or nothing when it should not be shown. */
export interface TransferBar {
  /** Pass as the SDK's onProgress; undefined when no bar is shown. */
  onProgress: ((progress: TransferProgress) => void) | undefined;
  /** Draws the final state and ends the bar's line. */
  stop(): void;
}

/**
 * A cli-progress bar on stderr (stdout stays clean for scripts) when stderr is a terminal or
 * --progress asks for it; off a terminal the bar is printed as periodic lines instead of redrawn.
 */
export function transferBar(io: CliIo, label: string, requested: boolean | undefined): TransferBar {
  const isTTY = (io.stderr as { isTTY?: boolean }).isTTY === true;
  if (!isTTY && !requested) return { onProgress: undefined, stop: () => {} };
  const bar = new SingleBar({
    stream: io.stderr as unknown as NodeJS.WritableStream,
    format: `${label} [{bar}] {percentage}% | {done} / {size} | {file}`,
    noTTYOutput: !isTTY,
    hideCursor: isTTY,
    gracefulExit: false,
    barsize: 30,
  });
  let started = false;
  return {
    onProgress(progress) {
      const payload = { done: formatBytes(progress.bytes), size: formatBytes(progress.totalBytes), file: progress.file };
      if (!started) {
        bar.start(progress.totalBytes, progress.bytes, payload);
        started = true;
        return;
      }
      bar.setTotal(progress.totalBytes);
      bar.update(progress.bytes, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** Runs a transfer with a bar, stopping the bar whether it succeeds or fails. */
export async function withTransferBar<T>(io: CliIo, label: string, requested: boolean | undefined, transfer: (bar: TransferBar) => Promise<T>): Promise<T> {
  const bar = transferBar(io, label, requested);
  try {
    return await transfer(bar);
  } finally {
    bar.stop();
  }
}
