/**
 * Runs a round of background work every intervalMs, one round at a time (the next is timed from
 * the end of the last), handing a round's error to onError and going on. The timer never keeps
 * the process alive; stop() waits for a round in progress.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly round: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Starts the timer; the first round runs after intervalMs. */
  start(intervalMs: number): void {
    const tick = () => {
      this.running = this.round()
        .catch((error: unknown) => this.onError(error))
        .finally(() => {
          this.running = undefined;
          if (this.timer) this.timer = setTimeout(tick, intervalMs).unref();
        });
    };
    this.timer = setTimeout(tick, intervalMs).unref();
  }

  /** Stops the timer and waits for a round in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
