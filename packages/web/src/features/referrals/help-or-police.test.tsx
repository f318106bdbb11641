import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { RoleDrift } from '@forefront/contract';
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';
import { HelpOrPolice } from './help-or-police';

const groups: RoleDrift['referralsByGroup'] = [
  { key: 'all:*', enrolled: 4, lawEnforcement: 1, support: 2, lawEnforcementPer1000: 250, supportPer1000: 500 },
  { key: 'race:BL', enrolled: 1, lawEnforcement: 1, support: 0, lawEnforcementPer1000: 1000, supportPer1000: 0 },
  { key: 'race:AS', enrolled: 0, lawEnforcement: 0, support: 1, lawEnforcementPer1000: null, supportPer1000: null },
];

async function render(lng: 'en' | 'es') {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({ lng, resources: { en: { translation: en }, es: { translation: es } } });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <HelpOrPolice groups={groups} />
    </I18nextProvider>,
  )
    .replace(/<[^>]+>/g, ' ')
    .replace(/[\s\u00a0\u202f]+/g, ' ');
}

describe('help or police on the role-drift dashboard', () => {
  it('names each group and shows both kinds of referral per 1,000, and says when nobody is enrolled', async () => {
    const text = await render('en');
    expect(text).toContain('All students 4 2 500 1 250');
    expect(text).toContain('Race or ethnicity: Black or African American 1 0 0 1 1,000');
    expect(text).toContain('0 1 No students enrolled 0 No students enrolled');
  });

  it('says it in Spanish', async () => {
    const text = await render('es');
    expect(text).toContain('Ayuda o policía');
    expect(text).not.toContain('Help or police');
  });
});
