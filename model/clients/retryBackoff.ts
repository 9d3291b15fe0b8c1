/**
 * The wait before a client retries a failed request: retry.backoff.ms, and never less than
 * LIMITS.retryBackoffMsMin. In Kafka every retry costs at least a network round trip, so a
 * client with retry.backoff.ms=0 still retries at a finite rate while the rest of the cluster
 * moves on (followers fetch, the ISR grows back). The model delivers messages in zero virtual
 * time and settles a run by taking deliveries before timers, so a zero wait would let a producer
 * answered NOT_ENOUGH_REPLICAS retry at one instant forever (a livelock Kafka does not have).
 *
 * KIP-580 (producer and consumer from Kafka 3.7, ExponentialBackoff) grows the wait towards
 * retry.backoff.max.ms with ±20% jitter; the model keeps the first step, retry.backoff.ms, for
 * every retry, so it retries at least as often as Kafka does. With retry.backoff.ms=0 KIP-580
 * waits 0 too (0 × 2^n), so the floor is the round trip either way.
 */
import type { KmcConfig } from '../config.ts';
import { LIMITS } from '../limits.ts';

export function retryBackoffMs(config: Pick<KmcConfig, 'retry.backoff.ms'>): number {
  return Math.max(LIMITS.retryBackoffMsMin, config['retry.backoff.ms']);
}
