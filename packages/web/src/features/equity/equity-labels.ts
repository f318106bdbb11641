import type { TFunction } from 'i18next';
import type { EquityDimension } from '@forefront/contract';

/** A group's name in the reader's language: the words the transparency pages and the roster already use. */
export function groupLabel(t: TFunction, dimension: EquityDimension, group: string): string {
  if (group === 'unknown') return t('equity.unknownGroup');
  if (dimension === 'race') return t(`students.races.${group}`, { defaultValue: group });
  if (dimension === 'sex') return t(`students.sexes.${group}`, { defaultValue: group });
  if (dimension === 'disability') return t(`transparency.groups.disability.${group}`, { defaultValue: group });
  return t(`transparency.groups.englishLearner.${group}`, { defaultValue: group });
}

export const dimensionLabel = (t: TFunction, dimension: EquityDimension) => t(`transparency.dimensions.${dimension}`);

export const percent = (share: number | null, lang: string) =>
  share === null ? '—' : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(share);

export const decimal = (v: number, lang: string, digits = 2) =>
  new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(v);
