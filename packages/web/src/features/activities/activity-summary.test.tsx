import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { ActivitySummary } from '@forefront/contract';
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';
import { ActivitySummaryView } from './activity-summary';

const summary: ActivitySummary = {
  districtId: '00000000-0000-4000-8000-000000000002',
  from: '2026-07-01',
  to: '2026-12-07',
  totalHours: 20,
  items: [
    { kind: 'patrol', function: 'law_enforcement', hours: 6 },
    { kind: 'mentoring', function: 'informal_counseling', hours: 9 },
    { kind: 'teaching_class', function: 'community_outreach', hours: 3 },
    { kind: 'away_from_school', function: null, hours: 2 },
  ],
  byFunction: [
    { function: 'law_enforcement', hours: 6, share: 6 / 18 },
    { function: 'informal_counseling', hours: 9, share: 0.5 },
    { function: 'community_outreach', hours: 3, share: 3 / 18 },
  ],
  inSchools: { hours: 18, share: 0.9, target: 0.75, meetsTarget: true },
  classroom: { activeOfficers: 4, withClassroomResponse: 1, share: 0.25, asOf: '2026-12-07', bjsShare: 0.69 },
};

async function render(lng: 'en' | 'es') {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({ lng, resources: { en: { translation: en }, es: { translation: es } } });
  // Tags out, entities decoded, spaces (including Intl's narrow and no-break ones) made plain.
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <ActivitySummaryView summary={summary} />
    </I18nextProvider>,
  )
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/[\s\u00a0\u202f]+/g, ' ');
}

describe('the officers’ time summary', () => {
  it('shows each function’s hours and share, the share in schools against the condition, and the BJS figure beside ours', async () => {
    const text = await render('en');
    expect(text).toContain('Informal counseling 9 50%');
    expect(text).toContain('Law enforcement 6 33%');
    expect(text).toContain('18 of 20 hours were in schools: 90%, against a condition of 75%. Meets the condition.');
    expect(text).toContain('Our officers: 1 of 4 25%');
    expect(text).toContain('Nationally (Bureau of Justice Statistics) 69%');
    expect(text).toContain('Duty away from school None of the three 2');
  });

  it('says it all in Spanish', async () => {
    const text = await render('es');
    expect(text).toContain('Orientación informal 9 50 %');
    expect(text).toContain('A nivel nacional (Oficina de Estadísticas de Justicia) 69 %');
    expect(text).toContain('Cumple la condición.');
    expect(text).not.toMatch(/Law enforcement|Meets the condition/);
  });
});
