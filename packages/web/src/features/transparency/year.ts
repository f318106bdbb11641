/** The year the page shows: the one asked for in the address when it is published, else the newest. */
export function chooseYear(years: readonly string[], requested: string | null): string | null {
  if (requested && years.includes(requested)) return requested;
  return years[0] ?? null;
}
