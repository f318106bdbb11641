import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { PREVIEW_CHANGES, SUPPRESSION_REASONS } from '@forefront/contract';
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';
import type { Translate } from '../transparency/labels';
import { placeLabel } from './preview-parts';

async function translator(lng: 'en' | 'es'): Promise<Translate> {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources: { en: { translation: en }, es: { translation: es } }, returnNull: false });
  return (key, options) => i18n.t(key, options ?? {});
}

describe('the publish page in words', () => {
  it('names where a changed figure sits: section, row (and breakdown), column, in English and Spanish', async () => {
    const [tEn, tEs] = [await translator('en'), await translator('es')];
    const school = { table: 'schools', row: 'id-1', label: 'Lincoln High', column: 'students_referred' };
    expect(placeLabel(school, tEn)).toBe('Figures by school: Lincoln High, Students referred');
    const race = { table: 'students_referred', row: 'BL', dimension: 'race', column: 'students' };
    expect(placeLabel(race, tEn)).toMatch(/^Students referred to law enforcement: Black .*\(Race.*\), Students$/);
    expect(placeLabel(race, tEs)).not.toMatch(/Students|Race|Black/);
    expect(placeLabel({ table: 'highlights', row: 'incidents', column: 'incidents' }, tEs)).toBe(
      `${es.transparency.sections.summary.title}: ${es.transparency.highlights.incidents}`,
    );
  });

  it('explains every reason the server can give and every kind of change, in both languages', async () => {
    for (const lng of ['en', 'es'] as const) {
      const t = await translator(lng);
      for (const r of SUPPRESSION_REASONS) {
        for (const part of ['short', 'long'])
          expect(t(`publish.reasons.${r}.${part}`, { n: 10, max: 9 })).not.toMatch(/^publish\.|\{\{/);
      }
      for (const c of PREVIEW_CHANGES) expect(t(`publish.changes.kinds.${c}`)).not.toMatch(/^publish\./);
    }
    const t = await translator('es');
    expect(t('publish.reasons.count.long', { n: 10, max: 9 })).toContain('de 1 a 9');
  });
});
