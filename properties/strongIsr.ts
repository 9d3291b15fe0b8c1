/**
 * strong-isr (TLA+ StrongIsr, hachikuji/kafka-specification): every current member of the
 * controller's ISR holds the true leader's records below the leader's high watermark. Records
 * below the high watermark are committed, and any ISR member may be elected next. With KIP-966
 * Eligible Leader Replicas the ELR members are leader candidates too (elected once the ISR is
 * empty), so they are held to the same (Vanlightly's KIP-966 TLA+ model: leader candidate
 * completeness over ISR and ELR). The strict min ISR rule (KAFKA-15583) is what keeps them
 * complete: without it the leader commits records that a replica which left the ISR never had.
 */
import type { ClusterState } from '../model/cluster/types.ts';
import type { Case, StateProperty } from './property.ts';
import { NO_CASES } from './noCases.ts';
import { isCurrent } from './brokerStanding.ts';
import { trueLeader } from './trueLeader.ts';
import { brokersPhrase, recordPhrase } from './prose.ts';
import type { RecordRef } from './prose.ts';
import { replicationExcuse, replicationGuarantee } from './replicationGuarantee.ts';
import { allowByDynamicConfig } from './dynamicConfigAllowance.ts';

export type StrongIsrData = {
  partition: number;
  leader: number;
  leaderEpoch: number;
  highWatermark: number;
  isr: number[];
  /** The controller's Eligible Leader Replicas (KIP-966). */
  elr: number[];
  /** The ISR or ELR member that lacks a committed record. */
  member: number;
  /** Whether that member is in the ELR (else the ISR). */
  inElr: boolean;
  /** The first offset below the high watermark where the member differs. */
  offset: number;
  leaderRecord: RecordRef;
  /** What the member holds there, or null when its log ends before it. */
  memberRecord: RecordRef | null;
  memberLogEndOffset: number;
};

/** Partition p's cases appended to `cases` (created when the first is found); `cases` when none. */
function casesAt(state: ClusterState, p: number, cases: Case[] | null): Case[] | null {
  const partitions = state.controller.partitions;
  const leader = trueLeader(state, p);
  if (leader === -1) return cases;
  const leaderReplica = state.brokers[leader - 1].replicas[p]!;
  const leaderLog = leaderReplica.log;
  const committedEnd = Math.min(leaderReplica.highWatermark, leaderLog.length);
  const isr = partitions[p].isr;
  const elr = partitions[p].elr;
  for (let i = 0; i < isr.length + elr.length; i++) {
    const inElr = i >= isr.length;
    const member = inElr ? elr[i - isr.length] : isr[i];
    if (member === leader || !isCurrent(state, member)) continue;
    const replica = state.brokers[member - 1].replicas[p];
    const memberLog = replica === null || replica === undefined ? null : replica.log;
    for (let o = 0; o < committedEnd; o++) {
      const want = leaderLog[o];
      const have = memberLog === null || o >= memberLog.length ? null : memberLog[o];
      if (have !== null && have.epoch === want.epoch && have.value === want.value) continue;
      const data: StrongIsrData = {
        partition: p,
        leader,
        leaderEpoch: leaderReplica.leaderEpoch,
        highWatermark: leaderReplica.highWatermark,
        isr: isr.slice(),
        elr: elr.slice(),
        member,
        inElr,
        offset: o,
        leaderRecord: { epoch: want.epoch, value: want.value },
        memberRecord: have === null ? null : { epoch: have.epoch, value: have.value },
        memberLogEndOffset: memberLog === null ? 0 : memberLog.length,
      };
      const what =
        have === null
          ? `lacks p${p} offset ${o} (${recordPhrase(data.leaderRecord)})`
          : `holds ${recordPhrase(data.memberRecord!)} at p${p} offset ${o} where leader broker ${leader} holds ${recordPhrase(data.leaderRecord)}`;
      (cases ??= []).push({
        property: 'strong-isr',
        summary: `${inElr ? 'ELR' : 'ISR'} member broker ${member} ${what}, below leader broker ${leader}'s high watermark ${data.highWatermark}`,
        data,
      });
      break;
    }
  }
  return cases;
}

function hasCaseAt(state: ClusterState, p: number): boolean {
  return casesAt(state, p, null) !== null;
}

function check(state: ClusterState): Case[] {
  let cases: Case[] | null = null;
  for (let p = 0; p < state.controller.partitions.length; p++) cases = casesAt(state, p, cases);
  return cases === null ? NO_CASES : allowByDynamicConfig(cases, state, (c) => ({ partition: (c.data as StrongIsrData).partition, values: [(c.data as StrongIsrData).leaderRecord.value] }));
}

function explain(c: Case): string {
  const d = c.data as StrongIsrData;
  const head = d.inElr
    ? `Partition ${d.partition}'s leader is broker ${d.leader} (leader epoch ${d.leaderEpoch}) with high watermark ${d.highWatermark}, ` +
      `the controller's ISR is ${brokersPhrase(d.isr)} and its Eligible Leader Replicas (KIP-966) are ${brokersPhrase(d.elr)}. ` +
      'Every record below the high watermark is committed, and an ELR member is elected when the ISR is empty, so every ELR member must hold it too.'
    : `Partition ${d.partition}'s leader is broker ${d.leader} (leader epoch ${d.leaderEpoch}) with high watermark ${d.highWatermark}, ` +
      `and the controller's ISR is ${brokersPhrase(d.isr)}. Every record below the high watermark is committed, so every ISR member must hold it: any of them may be elected next.`;
  const gap =
    d.memberRecord === null
      ? `But broker ${d.member}'s log end offset is ${d.memberLogEndOffset}, so it lacks ${recordPhrase(d.leaderRecord)} at offset ${d.offset}`
      : `But broker ${d.member} holds ${recordPhrase(d.memberRecord)} at offset ${d.offset}, where the leader holds ${recordPhrase(d.leaderRecord)}`;
  return `${head} ${gap}: strong ISR is broken, and electing broker ${d.member} would lose ${d.leaderRecord.value}.`;
}

export const strongIsr: StateProperty = {
  kind: 'state',
  name: 'strong-isr',
  doc: "Every current ISR member (and ELR member, KIP-966) holds the true leader's records below its high watermark.",
  guaranteedWhen: (config) => replicationGuarantee(config, false),
  check,
  hasCaseAt,
  excuse: replicationExcuse,
  explain,
};
