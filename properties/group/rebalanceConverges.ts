/**
 * rebalance-converges: after the last fault ends, every group becomes stable with nothing pending
 * (see assignment-complete) within a bound: session.timeout.ms (members that died are evicted) +
 * max.poll.interval.ms (a join phase waits at most the rebalance timeout) +
 * group.initial.rebalance.delay.ms (a group that emptied waits for members) + 4 ×
 * heartbeat.interval.ms (members learn of each rebalance at their next heartbeat; a cooperative
 * rebalance takes up to a few rounds, and Kafka's own tests allow 4,
 * CooperativeStickyAssignorTest.verifyValidityAndBalance). Virtual time, so the bound is exact.
 */
import type { KmcConfig } from '../../model/config.ts';
import type { GroupModelState } from '../../model/group/types.ts';
import type { Case, Guarantee } from '../property.ts';
import type { GroupHistoryProperty } from './groupProperty.ts';

/** Cooperative rounds (and heartbeats to learn of them) the bound allows. */
const ROUNDS_ALLOWED = 4;

export function convergenceBoundMs(config: KmcConfig): number {
  return config['session.timeout.ms'] + config['max.poll.interval.ms'] + config['group.initial.rebalance.delay.ms'] + ROUNDS_ALLOWED * config['heartbeat.interval.ms'];
}

export type RebalanceConvergesData = { group: string; fromMs: number; toMs: number; waitedMs: number; boundMs: number };

function check(state: GroupModelState): Case[] {
  if (!state.history.some((op) => op.type === 'final-offsets')) return [];
  const boundMs = convergenceBoundMs(state.config);
  const cases: Case[] = [];
  for (const worst of state.ghost.convergenceWorst) {
    if (worst.waitedMs <= boundMs) continue;
    const data: RebalanceConvergesData = { group: worst.group, fromMs: worst.fromMs, toMs: worst.toMs, waitedMs: worst.waitedMs, boundMs };
    cases.push({ property: 'rebalance-converges', summary: `${worst.group} took ${worst.waitedMs}ms to become stable after a fault ended (bound ${boundMs}ms)`, data });
  }
  return cases;
}

function explain(c: Case): string {
  const d = c.data as RebalanceConvergesData;
  return (
    `The last fault before it ended at ${d.fromMs}ms, but ${d.group} was not stable with every member settled on its assignment until ${d.toMs}ms: ` +
    `${d.waitedMs}ms, beyond the ${d.boundMs}ms that session.timeout.ms + max.poll.interval.ms + group.initial.rebalance.delay.ms + ${ROUNDS_ALLOWED} × heartbeat.interval.ms allow. rebalance-converges is broken.`
  );
}

export const rebalanceConverges: GroupHistoryProperty = {
  kind: 'history',
  name: 'rebalance-converges',
  doc: 'After the last fault ends, every group is stable within a bound set by its timeouts.',
  guaranteedWhen: (): Guarantee => ({ guaranteed: true }),
  check,
  explain,
};
