import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransparencyReport } from '@forefront/contract';
import { type SectionDef, sectionTextBase } from './section-defs';
import type { Scope } from './transparency.api';

/** What every section receives: the report of the chosen year and where it came from. */
export interface SectionProps {
  def: SectionDef;
  report: TransparencyReport;
  scope: Scope;
  /** The district the page belongs to (school pages link back and schools link forward with it). */
  districtId: string;
}

/** The name the report gives its scope: the school's on a school page, else the district's. */
export function scopeName(report: TransparencyReport): string {
  return report.school?.name ?? report.district.name;
}

/**
 * A section's heading and its plain-language explanation: what the measure shows, why it matters
 * and how it is computed, before any figure, so a reader knows what they are looking at.
 */
export function SectionFrame({ def, children }: { def: SectionDef; children: ReactNode }) {
  const { t } = useTranslation();
  const base = sectionTextBase(def);
  return (
    <section id={`tp-${def.id}`} className="tp-section margin-bottom-5" aria-labelledby={`tp-${def.id}-heading`}>
      <h2 id={`tp-${def.id}-heading`}>{t(`${base}.title`)}</h2>
      <div className="measure-6">
        <p>{t(`${base}.what`)}</p>
        {def.kind !== 'summary' && (
          <>
            <p>
              <strong>{t('transparency.whyLabel')}</strong> {t(`${base}.why`)}
            </p>
            <p>
              <strong>{t('transparency.howLabel')}</strong> {t(`${base}.how`)}
            </p>
          </>
        )}
      </div>
      {children}
    </section>
  );
}
