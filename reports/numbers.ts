/**
 * Numbers as reports print them, independent of the machine's locale: "812,344", "4.1 s".
 */

/** A count with thousands separators: 48210 -> "48,210". */
export function formatCount(count: number): string {
  const [whole, fraction] = String(count).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (fraction === undefined ? '' : `.${fraction}`);
}

/** A wall-clock duration: 4100 -> "4.1 s", 62000 -> "1 min 2 s". */
export function formatDurationMs(durationMs: number): string {
  if (durationMs < 60_000) return `${(durationMs / 1000).toFixed(1)} s`;
  const seconds = Math.round(durationMs / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
