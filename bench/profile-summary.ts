/**
 * Summarise a .cpuprofile: where the busy time went by layer (idle time and module loading at
 * start-up left out), then self time by function and inclusive time by package or source file.
 *   node --import tsx bench/profile-summary.ts file.cpuprofile [rows]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const [file, rowsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts file.cpuprofile [rows]');
const rows = Number(rowsArg ?? 25);
const prof = JSON.parse(readFileSync(file, 'utf8')) as {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
};
const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;

const where = (n: ProfileNode) => {
  const url = n.callFrame.url;
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const src = /\/(packages\/[^/]+\/src\/.*|bench\/.*)$/.exec(url)?.[1];
  return src ?? (url ? url.replace(/^node:/, 'node:') : n.callFrame.functionName || '(native)');
};
const bySelf = new Map<string, number>();
for (const [id, t] of self) {
  const n = nodes.get(id)!;
  const key = `${n.callFrame.functionName || '(anonymous)'}  ${where(n)}:${n.callFrame.lineNumber + 1}`;
  bySelf.set(key, (bySelf.get(key) ?? 0) + t);
}
const inclusive = new Map<string, number>();
for (const [id, t] of self) {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const key = where(nodes.get(cur)!);
    if (!seen.has(key)) {
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + t);
    }
  }
}
// Each sample goes to the layer of its innermost frame that belongs to a known layer.
const LAYERS: [string, (n: ProfileNode) => boolean][] = [
  ['start-up (module loading)', (n) => /node:internal\/modules|tsx/.test(n.callFrame.url)],
  [
    'SQLite (native, under Kysely executeQuery)',
    (n) =>
      n.callFrame.functionName === 'executeQuery' ||
      n.callFrame.functionName === 'all' ||
      n.callFrame.functionName === 'Statement' ||
      n.callFrame.url.includes('better-sqlite3'),
  ],
  ['Kysely (query building, compiling, plugins)', (n) => n.callFrame.url.includes('node_modules/kysely')],
  [
    'zod (validation and response serialisation)',
    (n) => /node_modules\/(zod|fastify-type-provider-zod)/.test(n.callFrame.url),
  ],
  ['helmet (security headers)', (n) => /node_modules\/(@fastify\/helmet|helmet)/.test(n.callFrame.url)],
  ['pino (request logging)', (n) => /node_modules\/(pino|sonic-boom|fast-redact)/.test(n.callFrame.url)],
  ['Forefront source (packages/*/src)', (n) => /\/packages\/[^/]+\/src\//.test(n.callFrame.url)],
  [
    'Fastify and its plugins',
    (n) =>
      /node_modules\/(fastify|@fastify|find-my-way|avvio|light-my-request|fast-json-stringify|cookie)/.test(
        n.callFrame.url,
      ),
  ],
  [
    'Node HTTP, net, streams',
    (n) =>
      /^node:(_http|net|internal\/(streams|stream_base|http))/.test(n.callFrame.url) ||
      n.callFrame.functionName === 'writev' ||
      n.callFrame.functionName === 'writeUtf8String',
  ],
  ['garbage collector', (n) => n.callFrame.functionName === '(garbage collector)'],
];
const layers = new Map<string, number>();
let idle = 0;
for (const [id, t] of self) {
  const leaf = nodes.get(id)!;
  if (leaf.callFrame.functionName === '(idle)') {
    idle += t;
    continue;
  }
  let layer = 'other';
  for (let cur: number | undefined = id; cur !== undefined && layer === 'other'; cur = parent.get(cur)) {
    const n = nodes.get(cur)!;
    const hit = LAYERS.find(([, test]) => test(n));
    if (hit) layer = hit[0];
  }
  layers.set(layer, (layers.get(layer) ?? 0) + t);
}
const busy = [...layers].filter(([k]) => !k.startsWith('start-up')).reduce((a, [, t]) => a + t, 0);
console.log(
  `total ${(total / 1000).toFixed(0)} ms sampled, ${(idle / 1000).toFixed(0)} ms idle, ${((layers.get('start-up (module loading)') ?? 0) / 1000).toFixed(0)} ms start-up\n\nbusy time by layer (start-up excluded):`,
);
for (const [k, t] of [...layers].filter(([k]) => !k.startsWith('start-up')).sort((a, b) => b[1] - a[1]))
  console.log(`${(t / 1000).toFixed(0).padStart(7)} ms ${((100 * t) / busy).toFixed(1).padStart(5)}%  ${k}`);
console.log('\nself time by function:');
for (const [k, t] of [...bySelf].sort((a, b) => b[1] - a[1]).slice(0, rows))
  console.log(`${(t / 1000).toFixed(0).padStart(7)} ms ${pct(t)}  ${k}`);
console.log('\ninclusive time by package or file:');
for (const [k, t] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, rows))
  console.log(`${(t / 1000).toFixed(0).padStart(7)} ms ${pct(t)}  ${k}`);
