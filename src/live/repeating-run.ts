/**
 * One run at a time of "do batches until one comes back short": asking while a run is under way
 * makes it go round once more (so what arrived meanwhile is not left behind), and every caller
 * gets the promise of the run that will cover its request. `stop` takes no more requests and
 * waits for the run in progress.
 */
export class RepeatingRun {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    /** One batch: how many items it handled. */
    private readonly batch: () => Promise<number>,
    /** A full batch: another may follow at once. */
    private readonly full: number,
  ) {}

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  run(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running !== undefined) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      while ((await this.batch()) === this.full && !this.stopped);
    } while (this.again && !this.stopped);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }
}
