import type { TFunction } from 'i18next';
import type { CodedIncidentColumn } from '@forefront/contract';

/**
 * Where each coded column's values get their label: the same keys the incident form uses, so
 * the import report, the column documentation and the form all name a code the same way. NIBRS
 * codes are federal codes shown as they are.
 */
const LABEL_KEYS: Record<CodedIncidentColumn, string | null> = {
  location: 'incidents.locations',
  behaviors: 'incidents.behaviors',
  weapon: 'incidents.weapons',
  nibrs_codes: null,
  student_role: 'incidents.studentRoles',
  purpose: 'incidents.purposes',
  involvement: 'incidents.involvements',
  actions: 'incidents.actions',
  review_decision: 'incidentImport.values.review_decision',
  outside_kind: 'incidentImport.values.outside_kind',
  offense_alleged: 'incidentImport.values.offense_alleged',
};

export function valueLabel(t: TFunction, column: CodedIncidentColumn, value: string): string | null {
  const key = LABEL_KEYS[column];
  return key ? t(`${key}.${value}`) : null;
}

/** The column documentation page, at one column's entry. */
export const columnDocLink = (column: string) => `/app/incidents/import/columns#column-${column}`;
