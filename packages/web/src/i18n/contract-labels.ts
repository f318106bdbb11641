import {
  BEHAVIOR_LABELS,
  CLAUSE_TITLES,
  CONTACT_PURPOSE_LABELS,
  FLAG_KIND_LABELS,
  type Label,
  type Lang,
  LOCATION_LABELS,
  SRO_ACTION_LABELS,
} from '@forefront/contract';

const words = (labels: Record<string, Label>, lang: Lang) =>
  Object.fromEntries(Object.entries(labels).map(([code, l]) => [code, l[lang]]));

/**
 * The taxonomy's words from the contract (packages/contract/src/labels.ts), the one source the PDFs,
 * the CSV documentation and the public pages read too. Laid over each language's bundle when it is
 * loaded, so these keys always say what the contract says; en.json and es.json keep a copy of them
 * for the key checks, and contract-labels.test.ts proves the copies are the same words.
 */
export function contractLabels(lang: Lang) {
  return {
    incidents: {
      behaviors: words(BEHAVIOR_LABELS, lang),
      actions: words(SRO_ACTION_LABELS, lang),
      purposes: words(CONTACT_PURPOSE_LABELS, lang),
      locations: words(LOCATION_LABELS, lang),
      flagKinds: words(FLAG_KIND_LABELS, lang),
    },
    mous: { clauseNames: words(CLAUSE_TITLES, lang) },
  };
}
