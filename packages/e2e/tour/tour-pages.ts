import type { Page } from '@playwright/test';

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
  /** What to do on the page before the picture (open a preview, choose an export). */
  prepare?: (page: Page) => Promise<void>;
}

const previewAYear = async (page: Page) => {
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await page.getByText('Not public yet').waitFor({ timeout: 60_000 });
};

const openFirstMou = async (page: Page) => {
  await page.locator('main a[href^="/app/mous/"]').first().click();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
};

const openReyes = async (page: Page) => {
  await page.getByRole('link', { name: 'Officer Daniel Reyes' }).click();
  await page.getByRole('heading', { level: 1, name: 'Officer Daniel Reyes' }).waitFor();
};

export const TOUR: TourStop[] = [
  { name: 'public-district', role: null, path: '/districts/:districtId' },
  { name: 'public-district-es', role: null, path: '/districts/:districtId', lang: 'es' },
  { name: 'dashboard-district-admin', role: 'district_admin', path: '/app' },
  { name: 'dashboard-sro', role: 'sro', path: '/app' },
  { name: 'publish-preview', role: 'district_admin', path: '/app/publish', prepare: previewAYear },
  { name: 'incident-import', role: 'district_admin', path: '/app/incidents/import' },
  { name: 'incident-import-columns', role: 'district_admin', path: '/app/incidents/import/columns' },
  { name: 'exports', role: 'district_admin', path: '/app/exports' },
  { name: 'disclosure-log', role: 'district_admin', path: '/app/disclosures' },
  { name: 'jobs', role: 'district_admin', path: '/app/jobs' },
  { name: 'incidents', role: 'district_admin', path: '/app/incidents' },
  { name: 'audit-log', role: 'auditor', path: '/app/audit' },
  { name: 'audit-log-es', role: 'auditor', path: '/app/audit', lang: 'es' },
  { name: 'crdc-files', role: 'state_viewer', path: '/app/crdc' },
  { name: 'mou-es', role: 'district_admin', path: '/app/mous', lang: 'es', prepare: openFirstMou },
  // Issue 14: officers and training.
  { name: 'officers', role: 'training_coordinator', path: '/app/officers' },
  { name: 'officer', role: 'district_admin', path: '/app/officers', prepare: openReyes },
  { name: 'training-compliance', role: 'training_coordinator', path: '/app/training/compliance' },
  { name: 'training-standard', role: 'training_coordinator', path: '/app/training/standard' },
  { name: 'training-standard-es', role: 'training_coordinator', path: '/app/training/standard', lang: 'es' },
  { name: 'training-import', role: 'training_coordinator', path: '/app/training/import' },
  { name: 'activities', role: 'sro', path: '/app/activities' },
];
