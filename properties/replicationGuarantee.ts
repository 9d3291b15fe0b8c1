/**
 * When Kafka guarantees that an acknowledged record survives replication: the config keys that
 * must hold, shared by the write-loss history properties and the replication state invariants.
 */
import { DEFAULTS } from '../model/config.ts';
import type { KmcConfig } from '../model/config.ts';
import type { Guarantee } from './property.ts';
import { settingText } from './settingText.ts';
import { minIsrJudgedPerWrite, uncleanJudgedPerPartition } from './dynamicConfigAllowance.ts';

/**
 * Guaranteed with acks=all (when `judgesAcks`), min.insync.replicas >= 2 (judged per record when
 * alter-config may change it), replication.factor >= 2, clean elections only (judged per partition
 * when alter-config may turn unclean ones on), today's truncation rule with epoch fencing, and no
 * power loss of unflushed records. Otherwise `because` names every key that breaks it,
 * comma-separated, with the release whose default it is when model.kafka.version chose it.
 */
export function replicationGuarantee(config: KmcConfig, judgesAcks: boolean): Guarantee {
  const reasons: string[] = [];
  if (judgesAcks && config.acks !== -1) reasons.push(settingText(config, 'acks'));
  // Altered during the run (model.alter.configs), these two are judged where they mattered:
  // per record and per partition (dynamicConfigAllowance.ts).
  if (config['min.insync.replicas'] < 2 && !minIsrJudgedPerWrite(config)) reasons.push(`min.insync.replicas=${config['min.insync.replicas']}`);
  if (config['replication.factor'] < 2) reasons.push(`replication.factor=${config['replication.factor']}`);
  if (config['unclean.leader.election.enable'] && !uncleanJudgedPerPartition(config)) reasons.push('unclean.leader.election.enable=true');
  if (config['model.truncation'] !== 'diverging-epoch') reasons.push(settingText(config, 'model.truncation'));
  if (!config['model.fencing']) reasons.push(settingText(config, 'model.fencing'));
  if (config['model.faults'].includes('power') && config['flush.messages'] > 1) {
    const flush = config['flush.messages'] === DEFAULTS['flush.messages'] ? 'flush.messages unset' : `flush.messages=${config['flush.messages']}`;
    reasons.push(`model.faults includes power with ${flush} (power loss loses unflushed records: KIP-966 last replica standing)`);
  }
  return reasons.length === 0 ? { guaranteed: true } : { guaranteed: false, because: reasons.join(', ') };
}
