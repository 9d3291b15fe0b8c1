/**
 * Timeouts shortened so that ISR shrinks, fencing and request timeouts happen within a few dozen
 * events. Ratios follow Kafka's defaults (session timeout 4.5 heartbeats; lag time > session).
 */
export const FAST_TIMERS = {
  'broker.heartbeat.interval.ms': 1000,
  'broker.session.timeout.ms': 3000,
  'replica.lag.time.max.ms': 2000,
  'replica.fetch.wait.max.ms': 500,
  'request.timeout.ms': 3000,
  'retry.backoff.ms': 100,
} as const;
