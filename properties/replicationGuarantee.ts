/**
 * When Kafka guarantees that an acknowledged record survives replication: the config keys that
 * must hold, shared by the write-loss history properties and the replication state invariants;
 * and what in a run releases Kafka from that promise although the config makes it.
 *
 * Power loss without flush.messages=1 (an unclean shutdown that loses the unflushed tail): before
 * KIP-966 the last ISR member stays in the ISR when it is fenced, so a power loss on it loses
 * committed records and it is elected again ("last replica standing"). With Eligible Leader
 * Replicas (eligible.leader.replicas.version=1, on by default from 4.1) a broker that registers
 * after an unclean shutdown leaves every ISR and ELR, and the replicas that left the ISR below min
 * ISR stay electable, complete since the high watermark stood still (the strict min ISR rule,
 * KAFKA-15583, 3.7+): KIP-966 promises "MinISR-1 tolerance to data loss unclean shutdown events".
 * Only once every ISR and ELR member has shut down uncleanly does the controller elect the last
 * known leader, uncleanly; that is the run's excuse (replicationExcuse). KIP-903's broker epochs
 * (3.5+) keep a replica that lost records from rejoining the ISR on its previous process's fetch
 * state (KAFKA-14139).
 */
import type { ClusterState } from '../model/cluster/types.ts';
import { DEFAULTS } from '../model/config.ts';
import type { KmcConfig } from '../model/config.ts';
import type { Case, Guarantee } from './property.ts';
import { settingText } from './settingText.ts';
import { minIsrJudgedPerWrite, uncleanJudgedPerPartition } from './dynamicConfigAllowance.ts';

/**
 * Guaranteed with acks=all (when `judgesAcks`), min.insync.replicas >= 2 (judged per record when
 * alter-config may change it), replication.factor >= 2, clean elections only (judged per partition
 * when alter-config may turn unclean ones on), today's truncation rule with epoch fencing, the
 * strict min ISR rule wherever Eligible Leader Replicas are on, and power losses only with
 * flush.messages=1 or under KIP-966 (ELR with KIP-903 broker epochs). Otherwise `because` names every key that breaks it,
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
  const elr = config['eligible.leader.replicas.version'] >= 1;
  if (elr && !config['model.strict.min.isr']) {
    reasons.push(
      `${settingText(config, 'model.strict.min.isr')} with eligible.leader.replicas.version=1 ` +
        '(the high watermark advances while the ISR is below min.insync.replicas, so an Eligible Leader Replica can lack committed records and still be elected)',
    );
  }
  if (config['model.faults'].includes('power') && config['flush.messages'] > 1) {
    const flush = config['flush.messages'] === DEFAULTS['flush.messages'] ? 'flush.messages unset' : `flush.messages=${config['flush.messages']}`;
    if (!elr) {
      reasons.push(
        `model.faults includes power with ${flush} and ${settingText(config, 'eligible.leader.replicas.version')} ` +
          '(a power loss on the last ISR member loses committed records and it is elected again: last replica standing, which KIP-966 Eligible Leader Replicas fixes)',
      );
    }
    if (!config['model.isr.broker.epoch']) {
      reasons.push(
        `model.faults includes power with ${flush} and ${settingText(config, 'model.isr.broker.epoch')} ` +
          "(a replica that lost records in a power loss can be added back to the ISR on its previous process's fetch state: KAFKA-14139, which KIP-903 fixes)",
      );
    }
  }
  return reasons.length === 0 ? { guaranteed: true } : { guaranteed: false, because: reasons.join(', ') };
}

/**
 * The run's excuse for a replication case on partition `c.data.partition` (Property.excuse): the
 * controller elected that partition's last known leader uncleanly (KIP-966's last resort, with no
 * ISR member and no Eligible Leader Replica left). With unclean.leader.election.enable=false that
 * happens only after min.insync.replicas replicas shut down uncleanly, past what KIP-966 promises
 * to survive; the guarantee already names unclean.leader.election.enable=true otherwise.
 */
export function replicationExcuse(c: Case, state: ClusterState): string | undefined {
  const partition = c.data.partition;
  if (typeof partition !== 'number') return undefined;
  const elections = state.ghost.elections;
  for (let i = 0; i < elections.length; i++) {
    const election = elections[i];
    if (election.partition !== partition || election.lastKnownLeader !== true) continue;
    const minIsr = state.config['min.insync.replicas'];
    return (
      `p${partition} elected broker ${election.leader}, its last known leader, uncleanly (leader epoch ${election.leaderEpoch}): no ISR member and no Eligible Leader Replica was left, ` +
      `each having shut down uncleanly, more than the min.insync.replicas - 1 = ${minIsr - 1} unclean shutdowns KIP-966 survives`
    );
  }
  return undefined;
}
