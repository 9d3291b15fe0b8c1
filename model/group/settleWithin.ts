/**
 * How long, in virtual time, the group model may take to settle once every fault is healed
 * (Model.settleWithinMs): the engines report did-not-settle past it. Recovery waits on a chain of
 * the config's own timeouts — a lost member's session expires (session.timeout.ms), a join phase
 * waits for the members up to the rebalance timeout (max.poll.interval.ms), once for JoinGroup and
 * once for SyncGroup (KAFKA-12890), an empty group waits group.initial.rebalance.delay.ms, a
 * leader notices added partitions at its metadata refresh (metadata.max.age.ms), consumers find
 * their coordinator again (retry.backoff.ms), heartbeat and commit (heartbeat.interval.ms,
 * auto.commit.interval.ms), and the producer writes the rest of the workload
 * (model.group.produce.interval.ms per record) — so the bound is their sum, twice, plus a slack.
 */
import type { KmcConfig } from '../config.ts';
import { LIMITS } from '../limits.ts';

export function groupSettleWithinMs(config: KmcConfig): number {
  const chainMs =
    config['session.timeout.ms'] +
    2 * config['max.poll.interval.ms'] +
    config['group.initial.rebalance.delay.ms'] +
    config['metadata.max.age.ms'] +
    config['retry.backoff.ms'] +
    config['heartbeat.interval.ms'] +
    config['auto.commit.interval.ms'] +
    config['model.group.produce.interval.ms'] * config['model.group.records'];
  return LIMITS.settleTimeoutsFactor * chainMs + LIMITS.settleSlackMs;
}
