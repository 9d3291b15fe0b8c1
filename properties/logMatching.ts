/**
 * log-matching (Vanlightly's LogMatchingProperty): any two replicas of a partition, on brokers
 * that hold state, have the same records at every offset below both high watermarks.
 *
 * Judged after every step, it sees divergence that heals as well as divergence that lasts: a
 * replica that lost committed records (an unclean election, a power loss of its unflushed tail)
 * and was elected writes other records at those offsets, and the replicas that still hold the
 * old ones disagree with it until they truncate to its log. So it is guaranteed only where no
 * committed record can be lost (replicationGuarantee). log-divergence (logDivergence.ts) judges
 * the same comparison once the run has settled: divergence that outlived truncation.
 */
import type { ClusterState, ReplicaState } from '../model/cluster/types.ts';
import type { Case, StateProperty } from './property.ts';
import { NO_CASES } from './noCases.ts';
import { holdingState } from './brokerStanding.ts';
import { recordPhrase } from './prose.ts';
import type { RecordRef } from './prose.ts';
import { replicationExcuse, replicationGuarantee } from './replicationGuarantee.ts';
import { allowByDynamicConfig } from './dynamicConfigAllowance.ts';

export type LogMatchingData = {
  partition: number;
  brokerA: number;
  brokerB: number;
  /** The first offset below both high watermarks where the two logs differ. */
  offset: number;
  recordA: RecordRef;
  recordB: RecordRef;
  highWatermarkA: number;
  highWatermarkB: number;
};

/** Per broker index, whether it holds state, and its replica of the partition being compared; reused from one call to the next. */
const holdingScratch: boolean[] = [];
const replicasScratch: (ReplicaState | null)[] = [];

/**
 * For every partition and every two replicas on brokers that hold state, the first offset below
 * both high watermarks where their records differ (epoch or value), as cases of `property`
 * (log-matching after every step, log-divergence once the run has settled). NO_CASES when none.
 */
export function highWatermarkMismatches(state: ClusterState, property: string): Case[] {
  let cases: Case[] | null = null;
  const holding = holdingState(state, holdingScratch);
  for (let p = 0; p < state.controller.partitions.length; p++) cases = mismatchesAt(state, p, property, holding, cases);
  return cases ?? NO_CASES;
}

/** Partition p's mismatches appended to `cases` (created when the first is found); `cases` when none. */
function mismatchesAt(state: ClusterState, p: number, property: string, holding: readonly boolean[], cases: Case[] | null): Case[] | null {
  const brokers = state.brokers;
  const replicas = replicasScratch;
  let held = 0;
  for (let a = 0; a < brokers.length; a++) {
    const replica = holding[a] ? (brokers[a].replicas[p] ?? null) : null;
    replicas[a] = replica;
    if (replica !== null) held++;
  }
  if (held < 2) return cases;
  for (let a = 0; a < brokers.length; a++) {
    const replicaA = replicas[a];
    if (replicaA === null) continue;
    for (let b = a + 1; b < brokers.length; b++) {
      const replicaB = replicas[b];
      if (replicaB === null) continue;
      const logA = replicaA.log;
      const logB = replicaB.log;
      const end = Math.min(replicaA.highWatermark, replicaB.highWatermark, logA.length, logB.length);
      for (let o = 0; o < end; o++) {
        const x = logA[o];
        const y = logB[o];
        if (x.epoch === y.epoch && x.value === y.value) continue;
        const data: LogMatchingData = {
          partition: p,
          brokerA: a + 1,
          brokerB: b + 1,
          offset: o,
          recordA: { epoch: x.epoch, value: x.value },
          recordB: { epoch: y.epoch, value: y.value },
          highWatermarkA: replicaA.highWatermark,
          highWatermarkB: replicaB.highWatermark,
        };
        (cases ??= []).push({
          property,
          summary: `brokers ${a + 1} and ${b + 1} disagree at p${p} offset ${o} below both high watermarks: ${recordPhrase(data.recordA)} vs ${recordPhrase(data.recordB)}`,
          data,
        });
        break;
      }
    }
  }
  return cases;
}

function hasCaseAt(state: ClusterState, p: number): boolean {
  return mismatchesAt(state, p, 'log-matching', holdingState(state, holdingScratch), null) !== null;
}

function check(state: ClusterState): Case[] {
  const cases = highWatermarkMismatches(state, 'log-matching');
  return cases === NO_CASES ? cases : allowByDynamicConfig(cases, state, (c) => ({ partition: (c.data as LogMatchingData).partition, values: [(c.data as LogMatchingData).recordA.value, (c.data as LogMatchingData).recordB.value] }));
}

function explain(c: Case): string {
  const d = c.data as LogMatchingData;
  return (
    `Broker ${d.brokerA}'s replica of partition ${d.partition} has high watermark ${d.highWatermarkA} and broker ${d.brokerB}'s has high watermark ${d.highWatermarkB}, ` +
    `so both count offset ${d.offset} as committed. Yet broker ${d.brokerA} holds ${recordPhrase(d.recordA)} there and broker ${d.brokerB} holds ${recordPhrase(d.recordB)}: ` +
    `the logs diverge below both high watermarks, so what a consumer reads at offset ${d.offset} depends on the broker: log matching is broken.`
  );
}

export const logMatching: StateProperty = {
  kind: 'state',
  name: 'log-matching',
  doc: 'Two replicas of a partition hold the same records below both their high watermarks.',
  guaranteedWhen: (config) => replicationGuarantee(config, false),
  check,
  hasCaseAt,
  excuse: replicationExcuse,
  explain,
};
