/**
 * The part of autocannon 9's programmatic API the harness uses (the package ships no types, and
 * @types/autocannon is not a dependency).
 */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Seconds a request may take before it counts as a timeout (an error). */
      timeout?: number;
      method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      headers?: Record<string, string>;
      body?: string;
      /** Requests to cycle through; `setupRequest` may rebuild each one before it is sent. */
      requests?: { setupRequest?: (request: RequestParams) => RequestParams }[];
      /** Resolve with the raw result, to be merged later with `aggregateResult`. */
      skipAggregateResult?: boolean;
    }

    interface RequestParams {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
    }

    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p90: number;
      p99: number;
    }

    interface Result {
      /** Seconds, measured. */
      duration: number;
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
      resets: number;
      statusCodeStats: Record<string, { count: number }>;
      /** Milliseconds. */
      latency: Histogram;
      /** Per-second samples; `total` is the number of responses received. */
      requests: Histogram & { sent: number };
      throughput: Histogram;
    }

    /** The result of a run with `skipAggregateResult` (its histograms are encoded). */
    interface RawResult {
      /** Seconds, measured. */
      duration: number;
      totalCompletedRequests: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      statusCodeStats: Record<string, { count: number }>;
    }

    /** A running load: a promise of its result that can be stopped early. */
    interface Instance<R> extends EventEmitter, PromiseLike<R> {
      stop(): void;
    }

    /** Merges raw results (counts and histograms; `duration` is the first one's). */
    function aggregateResult(results: RawResult[], options: Options): Result;
  }

  function autocannon(
    options: autocannon.Options & { skipAggregateResult: true },
  ): autocannon.Instance<autocannon.RawResult>;
  function autocannon(options: autocannon.Options): autocannon.Instance<autocannon.Result>;

  export = autocannon;
}
