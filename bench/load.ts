import autocannon from 'autocannon';

export interface LoadResult {
  label: string;
  url: string;
  connections: number;
  durationS: number;
  requests: number;
  reqPerSec: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  /** The server process's CPU time per answered request, µs (set by the caller; NaN where /proc is not available). */
  cpuUsPerRequest?: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const r2 = (x: number) => Math.round(x * 100) / 100;

/**
 * One autocannon run against a loopback URL. autocannon reports p97.5 but not p95, so every 2xx
 * response time is kept and the percentiles are computed here from all of them.
 */
export async function runLoad(
  label: string,
  opts: { url: string; connections: number; durationS: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const host = new URL(opts.url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]')
    throw new Error(`refusing to send load to ${host}: benchmarks only target this machine's loopback`);
  const times: number[] = [];
  const instance = autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.durationS,
    pipelining: 1,
    headers: opts.headers,
    timeout: 10,
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
  });
  const result = await instance;
  const sorted = Float64Array.from(times).sort();
  return {
    label,
    url: opts.url,
    connections: opts.connections,
    durationS: opts.durationS,
    requests: result.requests.total,
    reqPerSec: Math.round(result['2xx'] / result.duration),
    latencyMs: {
      p50: r2(percentile(sorted, 50)),
      p95: r2(percentile(sorted, 95)),
      p99: r2(percentile(sorted, 99)),
      max: r2(sorted.at(-1) ?? NaN),
      mean: r2(sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1)),
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
