const WINDOW_MS = 60_000;

/**
 * Messages per user per minute over the live sockets, as the HTTP rate limit counts requests: a
 * fixed one-minute window per user, across all of that user's connections to this instance.
 */
export class MessageLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(private readonly perMinute: number) {}

  /** Counts a message; undefined if it may go ahead, else the seconds until it may. */
  take(userId: string, now = Date.now()): number | undefined {
    if (this.windows.size > 10_000) this.forgetEnded(now);
    let window = this.windows.get(userId);
    if (window === undefined || now - window.startedAt >= WINDOW_MS) {
      window = { startedAt: now, count: 0 };
      this.windows.set(userId, window);
    }
    window.count += 1;
    if (window.count <= this.perMinute) return undefined;
    return Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
  }

  private forgetEnded(now: number): void {
    for (const [userId, window] of this.windows) {
      if (now - window.startedAt >= WINDOW_MS) this.windows.delete(userId);
    }
  }
}
