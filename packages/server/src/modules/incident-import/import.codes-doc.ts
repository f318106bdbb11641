import {
  BEHAVIOR_KEYS,
  BEHAVIOR_LABELS,
  CONTACT_PURPOSE_LABELS,
  CONTACT_PURPOSES,
  type Label,
  LOCATION_LABELS,
  LOCATIONS,
  SRO_ACTION_LABELS,
  SRO_ACTIONS,
} from '@forefront/contract';

/**
 * The coded columns' values with the words the app, the PDFs and the public pages use for them
 * (the contract's labels), as the Markdown tables in docs/incident-csv.md between its
 * `codes:start` and `codes:end` markers. A test keeps the document equal to this.
 */
export const CODE_TABLES: readonly { column: string; codes: readonly string[]; labels: Record<string, Label> }[] = [
  { column: 'location', codes: LOCATIONS, labels: LOCATION_LABELS },
  { column: 'behaviors', codes: BEHAVIOR_KEYS, labels: BEHAVIOR_LABELS },
  { column: 'purpose', codes: CONTACT_PURPOSES, labels: CONTACT_PURPOSE_LABELS },
  { column: 'actions', codes: SRO_ACTIONS, labels: SRO_ACTION_LABELS },
];

export function codeTablesMarkdown(): string {
  return CODE_TABLES.map(({ column, codes, labels }) =>
    [
      `### \`${column}\``,
      '',
      '| code | English | Spanish |',
      '|---|---|---|',
      ...codes.map((c) => `| \`${c}\` | ${labels[c]!.en} | ${labels[c]!.es} |`),
    ].join('\n'),
  ).join('\n\n');
}
