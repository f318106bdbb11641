import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BEHAVIOR_LABELS } from '@forefront/contract';
import { codeTablesMarkdown } from '../src/modules/incident-import/import.codes-doc.js';

/** docs/incident-csv.md names every code with the contract's words (issue 13: one label source). */
const DOC = readFileSync(new URL('../../../docs/incident-csv.md', import.meta.url), 'utf8');

describe('docs/incident-csv.md', () => {
  it('lists every coded value with the same English and Spanish words as the app and the PDFs', () => {
    const block = /<!-- codes:start -->\n([\s\S]*?)\n<!-- codes:end -->/.exec(DOC);
    expect(block, 'the codes section and its markers').not.toBeNull();
    expect(block![1]).toBe(codeTablesMarkdown());
    expect(block![1]).toContain(
      `| \`classroom_disruption\` | ${BEHAVIOR_LABELS.classroom_disruption.en} | ${BEHAVIOR_LABELS.classroom_disruption.es} |`,
    );
  });
});
