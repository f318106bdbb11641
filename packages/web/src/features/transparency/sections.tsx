import type { ComponentType } from 'react';
import type { SectionDef } from './section-defs';
import type { SectionProps } from './section-frame';
import { ExposureSection } from './exposure-section';
import { StudentsSection } from './students-section';
import { SummarySection } from './summary-section';
import { TableSection } from './table-section';

/** Which component draws each kind of section (section-defs.ts lists the sections themselves). */
export const SECTION_COMPONENTS: Record<SectionDef['kind'], ComponentType<SectionProps>> = {
  summary: SummarySection,
  students: StudentsSection,
  table: TableSection,
  schools: TableSection,
  exposure: ExposureSection,
};
