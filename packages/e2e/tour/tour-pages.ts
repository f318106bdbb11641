/**
 * The README's tour: each page a person uses, with the demo role that reaches it. Each stop is
 * captured at 1280 and 390 px wide into docs/screenshots/<name>-<width>.png.
 */
export interface TourStop {
  name: string;
  /** Demo role to sign in as; null for a public page. */
  role: string | null;
  /** `:districtId` is replaced by the demo district's id. */
  path: string;
  lang?: 'en' | 'es';
}

export const TOUR: TourStop[] = [
  { name: 'public-district', role: null, path: '/districts/:districtId' },
  { name: 'dashboard-district-admin', role: 'district_admin', path: '/app' },
  { name: 'incidents', role: 'district_admin', path: '/app/incidents' },
  { name: 'audit-log', role: 'auditor', path: '/app/audit' },
];
