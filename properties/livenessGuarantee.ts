/**
 * When Kafka promises that a cluster settles once faults heal (replicas catch up, requests are
 * answered). Under the legacy truncation rules a follower can be left unable to make progress
 * (KIP-279, KAFKA-6361: "B does not truncate, fetches from n+1, and hits an out-of-order offset
 * error (stuck)"); without KIP-320 fencing, a replica acting on stale leadership rewrites its leader
 * epoch cache (LeaderEpochFileCache.assign drops later epochs), after which fetches can diverge
 * for ever. With Eligible Leader Replicas on, an admin's change of min.insync.replicas clears every
 * ELR and last known leader (KAFKA-18649, 4.0+): a partition whose ISR is empty then has no one
 * to elect until an unclean election, so settling is not promised in runs that may alter it. With
 * today's rule and fencing otherwise, settling is promised.
 */
import type { KmcConfig } from '../model/config.ts';
import { settingText } from './settingText.ts';

export function livenessGuarantee(config: KmcConfig): { guaranteed: boolean; because: string | null } {
  const reasons: string[] = [];
  if (config['model.truncation'] !== 'diverging-epoch') reasons.push(`${settingText(config, 'model.truncation')} (a follower can be left unable to truncate and fetch, KAFKA-6361)`);
  if (!config['model.fencing']) reasons.push(`${settingText(config, 'model.fencing')} (stale-epoch replicas can corrupt leader epoch caches)`);
  if (config['eligible.leader.replicas.version'] >= 1 && config['model.faults'].includes('alter-config') && config['model.alter.configs'].some((a) => a.key === 'min.insync.replicas')) {
    reasons.push(
      'model.alter.configs alters min.insync.replicas with eligible.leader.replicas.version=1 (the controller then clears every ELR and last known leader, KAFKA-18649: a partition with an empty ISR has no leader until an unclean election)',
    );
  }
  return reasons.length ? { guaranteed: false, because: reasons.join(', ') } : { guaranteed: true, because: null };
}
