import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { Job } from '@forefront/contract';
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';
import { JobBar, ProgressBar } from './job-progress';
import { jobPercent } from './jobs.api';

const job = (status: Job['status'], percent: number): Job => ({
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'transparency.publish',
  districtId: '00000000-0000-4000-8000-000000000002',
  state: null,
  requestedBy: null,
  requestedByName: null,
  status,
  phase: null,
  percent,
  cancelRequested: false,
  result: null,
  resultFile: null,
  error: null,
  rerunOf: null,
  createdAt: '2026-12-07T00:00:00.000Z',
  startedAt: null,
  finishedAt: null,
});

async function render(lng: 'en' | 'es', node: ReactNode) {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({ lng, resources: { en: { translation: en }, es: { translation: es } } });
  const html = renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
  return new Markup(html);
}

/** Just enough of the markup to read a bar's attributes and the text that names it (no DOM in node). */
class Markup {
  constructor(readonly html: string) {}
  bars() {
    return [...this.html.matchAll(/<div[^>]*role="progressbar"[^>]*>/g)].map((m) => m[0]);
  }
  attr(tag: string, name: string) {
    return new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1];
  }
  textOf(id: string) {
    const inner = new RegExp(`<p[^>]*id="${id}"[^>]*>(.*?)</p>`).exec(this.html)?.[1] ?? '';
    return inner.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'");
  }
}

describe('the shared job progress bar', () => {
  it('counts a done job at 100% whatever its last reported percent, none yet at 0', () => {
    expect(jobPercent(job('done', 90))).toBe(100);
    expect(jobPercent(job('running', 40))).toBe(40);
    expect(jobPercent(job('failed', 40))).toBe(40);
    expect(jobPercent(undefined)).toBe(0);
  });

  it('is a progressbar with its value, named by a label, clamped to 0-100', async () => {
    const doc = await render('en', <ProgressBar value={140} label="Export progress" valueText="100 %" />);
    const [bar] = doc.bars();
    expect(doc.attr(bar!, 'aria-label')).toBe('Export progress');
    expect(doc.attr(bar!, 'aria-labelledby')).toBeUndefined();
    expect(doc.attr(bar!, 'aria-valuenow')).toBe('100');
    expect(doc.attr(bar!, 'aria-valuetext')).toBe('100 %');
  });

  it("names a page's job bar by its visible line, and keeps it at 100% once done, in English and Spanish", async () => {
    const running = await render('en', <JobBar job={job('running', 40)} label="Publishing 2025-26" />);
    const [bar] = running.bars();
    expect(running.attr(bar!, 'aria-valuenow')).toBe('40');
    expect(running.textOf(running.attr(bar!, 'aria-labelledby')!)).toBe('Publishing 2025-26: Running (40%)');

    const done = await render('en', <JobBar job={job('done', 90)} label="Publishing 2025-26" />);
    const [doneBar] = done.bars();
    expect(done.attr(doneBar!, 'aria-valuenow')).toBe('100');
    expect(done.textOf(done.attr(doneBar!, 'aria-labelledby')!)).toBe('Publishing 2025-26: Done (100%)');

    const es = await render('es', <JobBar job={job('done', 90)} label="Publicando 2025-26" />);
    const [esBar] = es.bars();
    expect(es.textOf(es.attr(esBar!, 'aria-labelledby')!)).toBe('Publicando 2025-26: Terminado (100%)');

    const waiting = await render('en', <JobBar job={undefined} label="Loading the CRDC file" />);
    expect(waiting.attr(waiting.bars()[0]!, 'aria-valuenow')).toBe('0');
    expect(waiting.html).toContain('Waiting to start');
  });
});
