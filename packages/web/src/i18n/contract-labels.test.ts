import { describe, expect, it } from 'vitest';
import {
  BEHAVIOR_KEYS,
  BEHAVIOR_LABELS,
  CLAUSE_KEYS,
  CONTACT_PURPOSES,
  FLAG_KINDS,
  LANGS,
  LOCATIONS,
  SRO_ACTIONS,
} from '@forefront/contract';
import { rowLabel as pdfRowLabel } from '../../../server/src/modules/transparency/transparency.labels';
import { plainRoleRules } from '../../../server/src/modules/mous/mou.plain';
import { defaultRoleRules } from '@forefront/contract';
import { contractLabels } from './contract-labels';
import en from './en.json';
import es from './es.json';

const bundles = { en, es } as const;

describe('taxonomy labels come from one source', () => {
  it('the web bundles hold the contract’s words for every behavior, action, purpose, location, flag and clause', () => {
    for (const lang of LANGS) {
      const fromContract = contractLabels(lang);
      const json = bundles[lang];
      expect(json.incidents.behaviors).toEqual(fromContract.incidents.behaviors);
      expect(json.incidents.actions).toEqual(fromContract.incidents.actions);
      expect(json.incidents.purposes).toEqual(fromContract.incidents.purposes);
      expect(json.incidents.locations).toEqual(fromContract.incidents.locations);
      expect(json.incidents.flagKinds).toEqual(fromContract.incidents.flagKinds);
      expect(json.mous.clauseNames).toEqual(fromContract.mous.clauseNames);
      expect(Object.keys(fromContract.incidents.behaviors).sort()).toEqual([...BEHAVIOR_KEYS].sort());
      expect(Object.keys(fromContract.incidents.actions).sort()).toEqual([...SRO_ACTIONS].sort());
      expect(Object.keys(fromContract.incidents.purposes).sort()).toEqual([...CONTACT_PURPOSES].sort());
      expect(Object.keys(fromContract.incidents.locations).sort()).toEqual([...LOCATIONS].sort());
      expect(Object.keys(fromContract.incidents.flagKinds).sort()).toEqual([...FLAG_KINDS].sort());
      expect(Object.keys(fromContract.mous.clauseNames).sort()).toEqual([...CLAUSE_KEYS].sort());
    }
  });

  it('the server’s PDFs print the same words as the web app', () => {
    for (const lang of LANGS) {
      const web = bundles[lang].incidents;
      for (const b of BEHAVIOR_KEYS) {
        expect(pdfRowLabel('incident_types', { key: b, cells: {} }, lang)).toBe(web.behaviors[b]);
      }
      for (const p of CONTACT_PURPOSES)
        expect(pdfRowLabel('contacts_by_purpose', { key: p, cells: {} }, lang)).toBe(web.purposes[p]);
      for (const a of ['restrained_physical', 'restrained_mechanical', 'used_force'] as const)
        expect(pdfRowLabel('restraint_and_force', { key: a, cells: {} }, lang)).toBe(web.actions[a]);
      for (const f of FLAG_KINDS)
        expect(pdfRowLabel('mou_violations', { key: f, cells: {} }, lang)).toBe(web.flagKinds[f]);
      // The MOU PDF's role-rules table names each behavior as the incident form does.
      const mou = plainRoleRules(defaultRoleRules(), lang).categories.map((c) => c.label);
      expect(mou).toEqual(BEHAVIOR_KEYS.map((b) => BEHAVIOR_LABELS[b][lang]));
    }
    // The words the issue found apart: the app's "Disrupting class" everywhere, never the code's spelling.
    expect(plainRoleRules(defaultRoleRules(), 'en').categories[0]!.label).toBe('Disrupting class');
  });
});
