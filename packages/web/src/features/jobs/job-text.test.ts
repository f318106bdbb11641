import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { GETTING_STARTED_STEPS, type Job, ROLES, TODO_KINDS } from '@forefront/contract';
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';
import { jobErrorText, jobKindLabel, jobPhaseLabel, jobResultSummary, jobWentWrong } from './job-text';

async function translator(lng: 'en' | 'es'): Promise<TFunction> {
  const i = i18next.createInstance();
  await i.init({
    lng,
    resources: { en: { translation: en }, es: { translation: es } },
    interpolation: { escapeValue: false },
  });
  return i.t;
}

const job = (over: Partial<Job>): Job => ({
  id: 'j1',
  kind: 'incident.import',
  districtId: 'd1',
  requestedBy: null,
  requestedByName: null,
  status: 'done',
  phase: null,
  percent: 100,
  cancelRequested: false,
  result: null,
  resultFile: null,
  error: null,
  rerunOf: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  ...over,
});

describe('a job in words', () => {
  it("names each kind the server runs, in English and Spanish, and every other kind as 'other'", async () => {
    const [tEn, tEs] = [await translator('en'), await translator('es')];
    expect(jobKindLabel('incident.export.csv', tEn)).toBe('Incident export (CSV)');
    expect(jobKindLabel('incident.export.csv', tEs)).toBe('Exportación de incidentes (CSV)');
    expect(jobKindLabel('transparency.publish', tEs)).toBe('Publicación de las cifras públicas');
    expect(jobKindLabel('something.new', tEn)).toBe('Other job');
  });

  it("says an import's result and a refused file in the reader's language, with the numbers", async () => {
    const tEs = await translator('es');
    const ok = job({ result: { accepted: true, incidents: 12, rows: 12, errorCount: 0 } });
    expect(jobResultSummary(ok, tEs)).toBe('Incidentes importados: 12 (filas leídas: 12).');
    const refused = job({ result: { accepted: false, incidents: 0, rows: 12, errorCount: 3 } });
    expect(jobWentWrong(refused)).toBe(true);
    expect(jobResultSummary(refused, await translator('en'))).toBe(
      'Nothing was imported. Wrong values: 3. Fix the file and import it again.',
    );
    const published = job({ kind: 'transparency.publish', result: { years: [{ year: '2025-26' }] } });
    expect(jobResultSummary(published, tEs)).toBe('Años escolares publicados: 2025-26.');
  });

  it('translates error codes and phases; an unknown code still reads as a sentence, never the English message', async () => {
    const tEs = await translator('es');
    const failed = job({ status: 'failed', error: { code: 'job_interrupted', message: 'The server stopped' } });
    expect(jobErrorText(failed, tEs)).toMatch(/^El servidor/);
    const odd = job({ status: 'failed', error: { code: 'brand_new_code', message: 'Some English' } });
    expect(jobErrorText(odd, tEs)).toBe('La tarea falló. No se conservó nada de lo que hizo.');
    expect(jobPhaseLabel('publishing 2025-26', tEs)).toBe('publicando 2025-26');
    expect(jobPhaseLabel('recording disclosure', tEs)).toBe('registrando la divulgación');
    expect(jobPhaseLabel('something else', tEs)).toBe('trabajando');
  });

  it("has the dashboard's words for every to-do kind, step and role in both languages", async () => {
    for (const lng of ['en', 'es'] as const) {
      const t = await translator(lng);
      // These three have sentences of their own (a title, a year, a date), checked below.
      const own = ['mou_review', 'unpublished_year', 'own_training'];
      for (const kind of TODO_KINDS.filter((k) => !own.includes(k)))
        for (const count of [1, 2]) {
          const text = t(`todos.items.${kind}`, { count });
          expect(text, `${lng} ${kind}`).toContain(String(count));
          expect(text).not.toContain('todos.');
        }
      for (const key of ['ownTrainingOverdue', 'ownTrainingDue'])
        expect(t(`todos.items.${key}`, { date: '1 March' })).not.toContain('todos.');
      for (const step of GETTING_STARTED_STEPS) {
        expect(t(`gettingStarted.steps.${step}.title`)).not.toContain('gettingStarted.');
        expect(t(`gettingStarted.steps.${step}.body`)).not.toContain('gettingStarted.');
      }
      for (const role of ROLES) expect(t(`todos.next.${role}`)).not.toContain('todos.');
    }
  });
});
