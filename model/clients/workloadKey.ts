/**
 * The key of a producer's i-th record (0-based): null without keys; with model.keys.hot.percent,
 * that share of records carries the hot key k0 (spread evenly, Bresenham-style, so the choice is
 * a pure function of i) and the others take k1..k(N-1) in turn; else k(i mod N).
 */
import type { KmcConfig } from '../config.ts';

export function workloadKey(config: KmcConfig, recordIndex: number): string | null {
  const keys = config['model.keys'];
  if (keys === 0) return null;
  const hotPercent = config['model.keys.hot.percent'];
  if (hotPercent === 0 || keys === 1) return `k${recordIndex % keys}`;
  const hotBefore = Math.floor((recordIndex * hotPercent) / 100);
  const hot = Math.floor(((recordIndex + 1) * hotPercent) / 100) > hotBefore;
  return hot ? 'k0' : `k${1 + ((recordIndex - hotBefore) % (keys - 1))}`;
}
