// What each area of the app downloads, gzipped: the entry with everything it preloads, then
// each lazy area (public pages, account pages, staff app) with the chunks it adds on top.
// Run after `vite build`: node scripts/chunk-report.mjs
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));

const gz = (file) => gzipSync(readFileSync(join(dist, file))).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

/** Static import closure of a manifest entry, as output file names. */
function closure(key, seen = new Set()) {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const dep of chunk.imports ?? []) closure(dep, seen);
  return seen;
}

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const initial = closure(entryKey);
const css = (manifest[entryKey].css ?? []).reduce((sum, f) => sum + gz(f), 0);
const sum = (files) => [...files].reduce((total, f) => total + gz(f), 0);
console.log(`initial JS (every page): ${kb(sum(initial))}; CSS: ${kb(css)}`);

const areas = {
  'public pages': 'src/features/public/public-pages.tsx',
  'account pages': 'src/features/auth/account-pages.tsx',
  'staff app': 'src/features/staff/staff-app.tsx',
  'English strings': 'src/i18n/en.json',
  'Spanish strings': 'src/i18n/es.json',
};
for (const [name, key] of Object.entries(areas)) {
  const extra = [...closure(key)].filter((f) => !initial.has(f));
  console.log(`${name}: +${kb(sum(extra))} (${extra.map((f) => f.replace('assets/', '')).join(', ')})`);
}
