/**
 * `--time 30s`: a wall-clock budget with a unit (ms, s or m), as whole milliseconds.
 */
import { UsageError } from './usageError.ts';

export const TIME_MS_MAX = 24 * 60 * 60 * 1000;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/** "500ms" -> 500, "30s" -> 30000, "1.5m" -> 90000. Throws UsageError naming `flag`. */
export function parseDurationMs(flag: string, raw: string): number {
  const text = raw.trim();
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text);
  if (!match) {
    if (/^\d+(?:\.\d+)?$/.test(text)) throw new UsageError(`${flag} ${raw}: needs a unit, ms, s or m (for example ${text}s)`);
    throw new UsageError(`${flag} ${raw}: must be a number with a unit, ms, s or m (for example 30s, 500ms, 2m)`);
  }
  const ms = Math.round(Number(match[1]) * UNIT_MS[match[2]]);
  if (ms < 1) throw new UsageError(`${flag} ${raw}: must be at least 1ms`);
  if (ms > TIME_MS_MAX) throw new UsageError(`${flag} ${raw}: must be at most 24 hours (1440m)`);
  return ms;
}
