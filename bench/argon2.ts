import argon2 from 'argon2';
import { loadConfig } from '../packages/server/src/config.js';
import { hashPassword, verifyPassword } from '../packages/server/src/modules/auth/password.js';

export interface Argon2Timing {
  params: { type: 'argon2id'; memoryKiB: number; timeCost: number; parallelism: 1 };
  hashes: number;
  /** One hash at a time: the latency a sign-in pays. */
  hashMs: { median: number; mean: number; min: number; max: number };
  verifyMs: { median: number };
  /** `concurrency` hashes at once (libuv's thread pool): how many per second the machine sustains. */
  throughput: { concurrency: number; hashesPerSecond: number };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number) => Math.round(x * 10) / 10;

/** Time argon2id with the parameters the server is configured with (config.ts defaults unless overridden by env). */
export async function timeArgon2(hashes = 15, concurrency = 4): Promise<Argon2Timing> {
  const config = loadConfig();
  const password = 'correct horse battery staple forefront';
  await hashPassword(config, password); // warm-up: first call allocates
  const times: number[] = [];
  let last = '';
  for (let i = 0; i < hashes; i++) {
    const t = performance.now();
    last = await hashPassword(config, password);
    times.push(performance.now() - t);
  }
  // The stored hash carries its own parameters: check they are the configured ones.
  const encoded = /\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(last);
  if (
    !encoded ||
    Number(encoded[1]) !== config.argon2.memoryCost ||
    Number(encoded[2]) !== config.argon2.timeCost ||
    encoded[3] !== '1'
  )
    throw new Error(`unexpected argon2 parameters in ${last.slice(0, 40)}`);
  const verifies: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    if (!(await verifyPassword(last, password))) throw new Error('argon2 verify failed');
    verifies.push(performance.now() - t);
  }
  const batch = concurrency * 4;
  const t0 = performance.now();
  let started = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < batch) {
        started++;
        await argon2.hash(password, {
          type: argon2.argon2id,
          memoryCost: config.argon2.memoryCost,
          timeCost: config.argon2.timeCost,
          parallelism: 1,
        });
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return {
    params: { type: 'argon2id', memoryKiB: config.argon2.memoryCost, timeCost: config.argon2.timeCost, parallelism: 1 },
    hashes,
    hashMs: {
      median: round(median(times)),
      mean: round(times.reduce((a, b) => a + b, 0) / times.length),
      min: round(Math.min(...times)),
      max: round(Math.max(...times)),
    },
    verifyMs: { median: round(median(verifies)) },
    throughput: { concurrency, hashesPerSecond: round(batch / elapsed) },
  };
}
