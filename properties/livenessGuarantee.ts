/**
 * When Kafka promises that a cluster settles once faults heal (replicas catch up, requests are
 * answered). Under the legacy truncation rules a follower can be left unable to make progress
 * (KIP-279, KAFKA-6361: "B does not truncate, fetches from n+1, and hits an out-of-order offset
 * error (stuck)"); without KIP-320 fencing, a replica acting on stale leadership rewrites its leader
 * epoch cache (LeaderEpochFileCache.assign drops later epochs), after which fetches can diverge
 * for ever. With today's rule and fencing, settling is promised.
 */
import type { KmcConfig } from '../model/config.ts';
import { settingText } from './settingText.ts';

export function livenessGuarantee(config: KmcConfig): { guaranteed: boolean; because: string | null } {
  const reasons: string[] = [];
  if (config['model.truncation'] !== 'diverging-epoch') reasons.push(`${settingText(config, 'model.truncation')} (a follower can be left unable to truncate and fetch, KAFKA-6361)`);
  if (!config['model.fencing']) reasons.push(`${settingText(config, 'model.fencing')} (stale-epoch replicas can corrupt leader epoch caches)`);
  return reasons.length ? { guaranteed: false, because: reasons.join(', ') } : { guaranteed: true, because: null };
}
