/** Server timestamps (ISO 8601, UTC) as the pages show them. */

/** "2026-11-23 20:39" in the browser's time zone; the raw text when it is not a date. */
export function formatTime(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
