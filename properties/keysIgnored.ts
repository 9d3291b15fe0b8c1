/**
 * When the configured partitioner does not place records by key (reference/clients.md §2):
 * RoundRobinPartitioner ignores keys, and so does the built-in one with partitioner.ignore.keys.
 * Returns the config that says so, or null.
 */
import type { KmcConfig } from '../model/config.ts';

export function keysIgnoredBecause(config: KmcConfig): string | null {
  if (config['model.partition.plan'].length > 0) return null; // a plugin's choices: judged, not excused
  if (config['partitioner.class'] === 'round-robin') return 'partitioner.class=round-robin (keys are ignored)';
  if (config['partitioner.ignore.keys'] && config['partitioner.class'] === 'default') return 'partitioner.ignore.keys=true';
  return null;
}
