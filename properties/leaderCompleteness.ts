/**
 * leader-completeness (Vanlightly's LeaderCompletenessProperty): the true leader of a partition
 * holds every record acknowledged with acks=all, at its acknowledged offset. Such a record was on
 * every ISR member when acknowledged, so a clean election cannot pick a leader without it.
 */
import type { ClusterState } from '../model/cluster/types.ts';
import type { Case, StateProperty } from './property.ts';
import { NO_CASES } from './noCases.ts';
import { trueLeader } from './trueLeader.ts';
import { recordPhrase } from './prose.ts';
import type { RecordRef } from './prose.ts';
import { replicationExcuse, replicationGuarantee } from './replicationGuarantee.ts';
import { allowByDynamicConfig } from './dynamicConfigAllowance.ts';

export type LeaderCompletenessData = {
  partition: number;
  leader: number;
  leaderEpoch: number;
  sendId: string;
  process: string;
  value: string;
  offset: number;
  /** What the leader holds at the offset, or null when its log ends before it. */
  leaderRecord: RecordRef | null;
  leaderLogEndOffset: number;
};

/** Not yet looked up, in `leaders` below. */
const LEADER_UNKNOWN = -2;
/**
 * Scratch: the true leader per partition for the check in progress, so each partition's leader
 * is looked up once per check however many sends it has. Reused across calls (no allocation
 * after the first); grown when a state has more partitions.
 */
let leaders = new Int32Array(16);

function check(state: ClusterState): Case[] {
  let cases: Case[] | null = null;
  const partitionCount = state.controller.partitions.length;
  if (leaders.length < partitionCount) leaders = new Int32Array(partitionCount);
  leaders.fill(LEADER_UNKNOWN, 0, partitionCount);
  const ops = state.history.ops;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (op.type !== 'send' || op.acks !== -1 || op.outcome === null || op.outcome.type !== 'ok' || op.outcome.offset === null) continue;
    const offset = op.outcome.offset;
    if (op.partition >= partitionCount) continue;
    let leader = leaders[op.partition];
    if (leader === LEADER_UNKNOWN) leader = leaders[op.partition] = trueLeader(state, op.partition);
    if (leader === -1) continue;
    const replica = state.brokers[leader - 1].replicas[op.partition]!;
    const held = offset < replica.log.length ? replica.log[offset] : null;
    if (held !== null && held.value === op.value) continue;
    const data: LeaderCompletenessData = {
      partition: op.partition,
      leader,
      leaderEpoch: replica.leaderEpoch,
      sendId: op.id,
      process: op.process,
      value: op.value,
      offset,
      leaderRecord: held === null ? null : { epoch: held.epoch, value: held.value },
      leaderLogEndOffset: replica.log.length,
    };
    const there = data.leaderRecord === null ? `its log end offset is ${data.leaderLogEndOffset}` : `it holds ${recordPhrase(data.leaderRecord)} there`;
    (cases ??= []).push({
      property: 'leader-completeness',
      summary: `p${op.partition} leader broker ${leader} (epoch ${data.leaderEpoch}) lacks ${op.value}, acknowledged at offset ${offset} with acks=all; ${there}`,
      data,
    });
  }
  return cases === null ? NO_CASES : allowByDynamicConfig(cases, state, (c) => ({ partition: (c.data as LeaderCompletenessData).partition, values: [(c.data as LeaderCompletenessData).value] }));
}

function hasCaseAt(state: ClusterState, p: number): boolean {
  if (p >= state.controller.partitions.length) return false;
  let leader = LEADER_UNKNOWN;
  const ops = state.history.ops;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (op.type !== 'send' || op.partition !== p || op.acks !== -1 || op.outcome === null || op.outcome.type !== 'ok' || op.outcome.offset === null) continue;
    if (leader === LEADER_UNKNOWN) leader = trueLeader(state, p);
    if (leader === -1) return false;
    const replica = state.brokers[leader - 1].replicas[p]!;
    const offset = op.outcome.offset;
    const held = offset < replica.log.length ? replica.log[offset] : null;
    if (held === null || held.value !== op.value) return true;
  }
  return false;
}

function explain(c: Case): string {
  const d = c.data as LeaderCompletenessData;
  const there =
    d.leaderRecord === null
      ? `its log ends before offset ${d.offset} (log end offset ${d.leaderLogEndOffset})`
      : `it holds ${recordPhrase(d.leaderRecord)} at offset ${d.offset}`;
  return (
    `Let W = the send of ${d.value} to partition ${d.partition} (${d.sendId} by ${d.process}), acknowledged at offset ${d.offset} with acks=all. ` +
    `The current leader of partition ${d.partition} is broker ${d.leader} (leader epoch ${d.leaderEpoch}), yet ${there}: it lacks W. ` +
    `An acks=all acknowledgement means W was on every in-sync replica, so any clean leader must hold it: leader completeness is broken, and W is lost once the followers truncate to this leader.`
  );
}

export const leaderCompleteness: StateProperty = {
  kind: 'state',
  name: 'leader-completeness',
  doc: 'The true leader holds every acks=all record acknowledged ok, at its acknowledged offset.',
  guaranteedWhen: (config) => replicationGuarantee(config, false),
  check,
  hasCaseAt,
  excuse: replicationExcuse,
  explain,
};
