/**
 * The demo's fixed ingredients, free of imports so the CLI can show its defaults without loading
 * the server. demo.service.ts turns them, with a seed, into districts, schools and accounts.
 */

/** One password for every demo account, so a newcomer can look around in a minute. Never use in production. */
export const DEMO_PASSWORD = 'forefront demo password 2026';
export const DEMO_SEED = 20261127;

/** Synthetic districts. NCES-style ids in the 99 "state" range, which NCES never assigns. */
export const DISTRICTS = [
  { key: 'main', name: 'Riverside Unified School District (demo)', ncesLeaId: '9900001', state: 'VA', schools: 12 },
  { key: 'neighbor', name: 'Hillcrest County Public Schools (demo)', ncesLeaId: '9900002', state: 'VA', schools: 4 },
];
export const SCHOOL_KINDS = [
  { suffix: 'High School', low: '09', high: '12', min: 900, max: 2200 },
  { suffix: 'Middle School', low: '06', high: '08', min: 500, max: 1100 },
  { suffix: 'Elementary School', low: 'KG', high: '05', min: 250, max: 650 },
] as const;
export const PLACES = [
  'Oak Grove',
  'Maple Ridge',
  'Cedar Park',
  'Lakeview',
  'Pine Hollow',
  'Willow Creek',
  'Riverbend',
  'Summit',
  'Fairview',
  'Brookside',
  'Elm Street',
  'Northgate',
  'Westfield',
  'Eastlake',
  'Harbor',
  'Meadowbrook',
];
