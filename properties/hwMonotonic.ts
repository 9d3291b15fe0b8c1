/**
 * hw-monotonic: on the true leader line the high watermark never goes backwards within a leader
 * epoch (the model's ghost records the highest one each epoch's leader exposed), and no replica's
 * high watermark passes its own log end.
 */
import type { ClusterState } from '../model/cluster/types.ts';
import type { Case, StateProperty } from './property.ts';
import { NO_CASES } from './noCases.ts';
import { holdingState } from './brokerStanding.ts';
import { trueLeader } from './trueLeader.ts';

export type HwMonotonicData =
  | {
      kind: 'regressed';
      partition: number;
      broker: number;
      leaderEpoch: number;
      highWatermark: number;
      /** The highest high watermark this epoch's leader exposed earlier. */
      highWatermarkExposed: number;
    }
  | {
      kind: 'beyond-log-end';
      partition: number;
      broker: number;
      role: string;
      highWatermark: number;
      logEndOffset: number;
    };

/** Per broker index, whether it holds state; reused from one call to the next. */
const holdingScratch: boolean[] = [];

function check(state: ClusterState): Case[] {
  let cases: Case[] | null = null;
  const holding = holdingState(state, holdingScratch);
  for (let p = 0; p < state.controller.partitions.length; p++) cases = casesAt(state, p, holding, cases);
  return cases ?? NO_CASES;
}

function hasCaseAt(state: ClusterState, p: number): boolean {
  return casesAt(state, p, holdingState(state, holdingScratch), null) !== null;
}

/** Partition p's cases appended to `cases` (created when the first is found); `cases` when none. */
function casesAt(state: ClusterState, p: number, holding: readonly boolean[], cases: Case[] | null): Case[] | null {
  const leader = trueLeader(state, p);
  const mark = state.ghost.leaderHighWatermark[p];
  if (leader !== -1 && mark !== undefined) {
    const replica = state.brokers[leader - 1].replicas[p]!;
    if (mark.epoch === replica.leaderEpoch && replica.highWatermark < mark.highWatermark) {
      const data: HwMonotonicData = {
        kind: 'regressed',
        partition: p,
        broker: leader,
        leaderEpoch: replica.leaderEpoch,
        highWatermark: replica.highWatermark,
        highWatermarkExposed: mark.highWatermark,
      };
      (cases ??= []).push({
        property: 'hw-monotonic',
        summary: `p${p} leader broker ${leader} (epoch ${data.leaderEpoch}) has high watermark ${data.highWatermark}, below the ${data.highWatermarkExposed} it exposed earlier in that epoch`,
        data,
      });
    }
  }
  for (let b = 0; b < state.brokers.length; b++) {
    if (!holding[b]) continue;
    const replica = state.brokers[b].replicas[p];
    if (replica === null || replica === undefined || replica.highWatermark <= replica.log.length) continue;
    const data: HwMonotonicData = {
      kind: 'beyond-log-end',
      partition: p,
      broker: b + 1,
      role: replica.role,
      highWatermark: replica.highWatermark,
      logEndOffset: replica.log.length,
    };
    (cases ??= []).push({
      property: 'hw-monotonic',
      summary: `broker ${b + 1}'s replica of p${p} has high watermark ${data.highWatermark} beyond its log end offset ${data.logEndOffset}`,
      data,
    });
  }
  return cases;
}

function explain(c: Case): string {
  const d = c.data as HwMonotonicData;
  if (d.kind === 'regressed') {
    return (
      `Broker ${d.broker} leads partition ${d.partition} in leader epoch ${d.leaderEpoch} and earlier exposed high watermark ${d.highWatermarkExposed}: ` +
      `records below it were visible to consumers and acknowledged as committed. Its high watermark is now ${d.highWatermark}, lower within the same leader epoch, ` +
      `so offsets ${d.highWatermark}..${d.highWatermarkExposed - 1}, which consumers may already have read, are no longer committed: hw-monotonic is broken.`
    );
  }
  return (
    `Broker ${d.broker}'s replica of partition ${d.partition} (${d.role}) has high watermark ${d.highWatermark}, but its log end offset is ${d.logEndOffset}. ` +
    `A high watermark marks records the replica holds, so it can never pass the replica's own log end: hw-monotonic is broken.`
  );
}

export const hwMonotonic: StateProperty = {
  kind: 'state',
  name: 'hw-monotonic',
  doc: "The true leader's high watermark never falls within its epoch, and no high watermark passes its log end.",
  guaranteedWhen: () => ({ guaranteed: true }),
  check,
  hasCaseAt,
  explain,
};
