/**
 * How long, in virtual time, the cluster may take to settle once every fault is healed
 * (Model.settleWithinMs): the engines report did-not-settle past it. Recovery waits on a chain of
 * the config's own timeouts — a fenced broker heartbeats and is unfenced (broker.heartbeat.interval.ms,
 * broker.session.timeout.ms), followers fetch and rejoin the ISR (replica.fetch.wait.max.ms,
 * replica.lag.time.max.ms, AlterPartition retries), a producer refreshes its metadata
 * (metadata.max.age.ms, retry.backoff.ms) and retries or expires its batches (linger.ms,
 * request.timeout.ms, delivery.timeout.ms) — so the bound is their sum, twice, plus a slack.
 */
import type { KmcConfig } from '../config.ts';
import { LIMITS } from '../limits.ts';
import { ALTER_PARTITION_RETRY_MS } from './alterPartition.ts';

export function clusterSettleWithinMs(config: KmcConfig): number {
  const chainMs =
    config['broker.heartbeat.interval.ms'] +
    config['broker.session.timeout.ms'] +
    config['replica.fetch.wait.max.ms'] +
    config['replica.lag.time.max.ms'] +
    ALTER_PARTITION_RETRY_MS +
    config['metadata.max.age.ms'] +
    config['retry.backoff.ms'] +
    config['linger.ms'] +
    config['request.timeout.ms'] +
    config['delivery.timeout.ms'];
  return LIMITS.settleTimeoutsFactor * chainMs + LIMITS.settleSlackMs;
}
