import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { EquityAudit, EquityFigure, EquityGroup } from '@forefront/contract';
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';
import { EquityReport } from './equity-page';

const none: EquityFigure = { count: 0, of: 0, rate: null, riskRatio: null };
const g = (dimension: EquityGroup['dimension'], group: string, over: Partial<EquityGroup> = {}): EquityGroup => ({
  dimension,
  group,
  enrolled: 0,
  students: 0,
  opened: none,
  serious: none,
  le: none,
  removal: none,
  supportOnly: { count: 0, share: null },
  referralsCompleted: none,
  ...over,
});
const audit: EquityAudit = {
  id: 'd1',
  districtId: 'd1',
  schoolId: null,
  from: '2026-01-01',
  to: '2026-06-30',
  enrollment: { schoolYear: '2025-26', asOf: '2025-10-01', total: 50 },
  threshold: 1.5,
  totals: { cases: 15, students: 15, referrals: 20 },
  groups: [
    g('race', 'BL', {
      enrolled: 20,
      students: 10,
      opened: { count: 10, of: 20, rate: 500, riskRatio: { estimate: 3, low: 1.2, high: 7.47 } },
    }),
    g('race', 'WH', { enrolled: 30, opened: { count: 5, of: 30, rate: 166.7, riskRatio: null } }),
    g('sex', 'F', { enrolled: 50 }),
    g('disability', 'no_disability', { enrolled: 50 }),
    g('english_learner', 'not_english_learner', { enrolled: 50 }),
  ],
  alerts: [{ dimension: 'race', group: 'BL', measure: 'opened', riskRatio: { estimate: 3, low: 1.2, high: 7.47 } }],
};

async function render(lng: 'en' | 'es') {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({ lng, resources: { en: { translation: en }, es: { translation: es } } });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <EquityReport audit={audit} />
    </I18nextProvider>,
  );
}

describe('the equity report', () => {
  it('puts the alert first, in words, and gives each chart a text alternative with every value', async () => {
    const html = await render('en');
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text.indexOf('1 group passes the alert threshold')).toBeLessThan(text.indexOf('Race or ethnicity'));
    expect(text).toContain(
      'Black or African American: Cases per 1,000 students, risk ratio 3 (95% interval 1.2 to 7.47) against all other students.',
    );
    expect(html).toMatch(/<svg role="img" aria-labelledby="equity-chart-race-title equity-chart-race-desc"/);
    expect(html).toContain('<desc id="equity-chart-race-desc">Black or African American: 500; White: 166.7</desc>');
    expect(text).toContain('Risk ratio 3 (1.2 to 7.47)');
    expect(text).toContain('No risk ratio (too few)');
  });

  it('speaks Spanish', async () => {
    const text = (await render('es')).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('1 grupo supera el umbral de alerta');
    expect(text).toContain('Casos por cada 1.000 estudiantes');
    expect(text).not.toContain('equity.');
  });
});
