/**
 * leader-in-isr (TLA+ LeaderInIsr, with the `leader = None` case the spec forgot): the
 * controller's leader of a partition is none (-1) or a member of the controller's ISR.
 */
import type { ClusterState } from '../model/cluster/types.ts';
import type { Case, StateProperty } from './property.ts';
import { NO_CASES } from './noCases.ts';
import { brokersPhrase } from './prose.ts';

export type LeaderInIsrData = {
  partition: number;
  leader: number;
  leaderEpoch: number;
  isr: number[];
};

function hasCaseAt(state: ClusterState, p: number): boolean {
  const meta = state.controller.partitions[p];
  return meta !== undefined && meta.leader !== -1 && !meta.isr.includes(meta.leader);
}

function check(state: ClusterState): Case[] {
  let cases: Case[] | null = null;
  const partitions = state.controller.partitions;
  for (let p = 0; p < partitions.length; p++) {
    if (!hasCaseAt(state, p)) continue;
    const meta = partitions[p];
    const data: LeaderInIsrData = { partition: p, leader: meta.leader, leaderEpoch: meta.leaderEpoch, isr: meta.isr.slice() };
    (cases ??= []).push({
      property: 'leader-in-isr',
      summary: `p${p} leader broker ${meta.leader} (epoch ${meta.leaderEpoch}) is not in the ISR ${brokersPhrase(data.isr)}`,
      data,
    });
  }
  return cases ?? NO_CASES;
}

function explain(c: Case): string {
  const d = c.data as LeaderInIsrData;
  return (
    `The controller names broker ${d.leader} leader of partition ${d.partition} in leader epoch ${d.leaderEpoch}, but its ISR is ${brokersPhrase(d.isr)}. ` +
    `A leader is by definition in sync (the ISR is measured against it); a leader outside the ISR means the controller elected or kept a replica it does not count as caught up: leader-in-ISR is broken.`
  );
}

export const leaderInIsr: StateProperty = {
  kind: 'state',
  name: 'leader-in-isr',
  doc: "The controller's leader of each partition is none or a member of the controller's ISR.",
  guaranteedWhen: () => ({ guaranteed: true }),
  check,
  hasCaseAt,
  explain,
};
