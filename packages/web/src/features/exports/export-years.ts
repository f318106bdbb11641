import { type District, schoolYearAt } from '@forefront/contract';

/** The district's current school year on its own clock, then the four before it ("2026-27", "2025-26"...). */
export function recentSchoolYears(
  district: Pick<District, 'timeZone' | 'schoolYearStart'>,
  now = new Date(),
): string[] {
  const current = schoolYearAt(now, district);
  const start = Number(current.slice(0, 4));
  return Array.from({ length: 5 }, (_, i) => {
    const y = start - i;
    return `${y}-${String((y + 1) % 100).padStart(2, '0')}`;
  });
}
