/**
 * Guarantees under dynamic configs: when alter-config may change min.insync.replicas or
 * unclean.leader.election.enable during a run (model.alter.configs), the replication guarantee is
 * judged against the config in force where it mattered, not against the config the run started
 * with (replicationGuarantee.ts leaves those keys out of the static judgement):
 * - min.insync.replicas per record: the weakest value a leader enforced when it appended,
 *   acknowledged or committed the record (the model's ghost, ClusterState.ghost.minIsrWrites). A record written
 *   while min.insync.replicas=1 was in force may be lost (the ISR may have been its leader alone);
 *   one written and acknowledged under 2 or more may not, whatever is in force later.
 * - unclean.leader.election.enable per partition: an unclean election of the partition in the run
 *   (ClusterState.ghost.elections) may lose any record of it, and makes what follows (offsets
 *   reused, producer state lost) possible too; a partition never elected uncleanly keeps the
 *   guarantee, whenever the config allowed it.
 * A case the run explains so carries the reason as Case.allowedBecause, naming the alteration.
 */
import type { ClusterState, MinIsrWrite } from '../model/cluster/types.ts';
import type { KmcConfig } from '../model/config.ts';
import type { AlterationRecord } from '../model/dynamicConfig.ts';
import type { Case } from './property.ts';

/** The smallest min.insync.replicas under which Kafka promises acknowledged records survive. */
const MIN_ISR_DURABLE = 2;

function altered(config: KmcConfig, key: AlterationRecord['key']): { value: number | boolean }[] {
  if (!config['model.faults'].includes('alter-config')) return [];
  return config['model.alter.configs'].filter((a) => a.key === key);
}

/** min.insync.replicas may change during the run and be below 2 for a while: judged per record. */
export function minIsrJudgedPerWrite(config: KmcConfig): boolean {
  const alterations = altered(config, 'min.insync.replicas');
  return alterations.length > 0 && (config['min.insync.replicas'] < MIN_ISR_DURABLE || alterations.some((a) => (a.value as number) < MIN_ISR_DURABLE));
}

/** unclean.leader.election.enable may change during the run and be true for a while: judged per partition. */
export function uncleanJudgedPerPartition(config: KmcConfig): boolean {
  const alterations = altered(config, 'unclean.leader.election.enable');
  return alterations.length > 0 && (config['unclean.leader.election.enable'] || alterations.some((a) => a.value === true));
}

/** Where the value in force at `timeMs` came from: the last alteration to it by then, or the config at start. */
function origin(state: ClusterState, key: AlterationRecord['key'], value: number | boolean, timeMs: number): string {
  let found: AlterationRecord | undefined;
  for (const a of state.ghost.alterations) if (a.key === key && a.value === value && a.timeMs <= timeMs) found = a;
  return found === undefined ? 'the topic\'s config at start' : `the admin set ${key}=${String(value)} on the topic at ${found.timeMs}ms with kafka-configs --alter`;
}

function minIsrReason(state: ClusterState, value: string, write: MinIsrWrite): string {
  const did = write.at === 'append' ? 'appended' : write.at === 'acknowledgement' ? 'acknowledged' : 'committed (advanced its high watermark over)';
  return (
    `min.insync.replicas=${write.minIsr} was in force at broker ${write.broker} when it ${did} ${value} at ${write.timeMs}ms (${origin(state, 'min.insync.replicas', write.minIsr, write.timeMs)}): ` +
    `an acks=all record acknowledged or committed under it may exist on fewer than ${MIN_ISR_DURABLE} replicas`
  );
}

/** A record of `values` written while min.insync.replicas was below 2 ('partition': any record of the partition). */
function weakWrite(state: ClusterState, partition: number, values: readonly string[] | 'partition'): string | undefined {
  const writes = state.ghost.minIsrWrites;
  if (values === 'partition') {
    for (const value in writes) if (writes[value].partition === partition && writes[value].minIsr < MIN_ISR_DURABLE) return minIsrReason(state, value, writes[value]);
    return undefined;
  }
  for (const value of values) {
    const write = writes[value];
    if (write !== undefined && write.minIsr < MIN_ISR_DURABLE) return minIsrReason(state, value, write);
  }
  return undefined;
}

/** The first unclean election of `partition` in the run, as a reason. */
function uncleanElection(state: ClusterState, partition: number): string | undefined {
  // KIP-966's last known leader is elected uncleanly whatever the config says: replicationExcuse's case.
  const election = state.ghost.elections.find((e) => e.partition === partition && !e.clean && e.lastKnownLeader !== true);
  if (election === undefined) return undefined;
  return (
    `unclean.leader.election.enable=true (${origin(state, 'unclean.leader.election.enable', true, election.timeMs)}) let the controller elect broker ${election.leader} ` +
    `leader of p${partition} uncleanly at ${election.timeMs}ms (leader epoch ${election.leaderEpoch}), out of sync: records only the ISR held may be lost`
  );
}

/**
 * Marks the cases the run's dynamic configs explain (Case.allowedBecause), in place: each case
 * names its partition and the record values it is about ('partition': it is about the
 * partition's records as a whole, as a duplicate or a reordering that a lost record makes
 * possible). A case already explained otherwise keeps its reason. Returns `cases`.
 */
export function allowByDynamicConfig(cases: Case[], state: ClusterState | undefined, about: (c: Case) => { partition: number; values: readonly string[] | 'partition' }): Case[] {
  if (state === undefined || cases.length === 0) return cases;
  const minIsr = minIsrJudgedPerWrite(state.config);
  const unclean = uncleanJudgedPerPartition(state.config);
  if (!minIsr && !unclean) return cases;
  for (const c of cases) {
    if (c.allowedBecause !== undefined) continue;
    const { partition, values } = about(c);
    const because = (unclean ? uncleanElection(state, partition) : undefined) ?? (minIsr ? weakWrite(state, partition, values) : undefined);
    if (because !== undefined) c.allowedBecause = because;
  }
  return cases;
}
