/**
 * Shared settings of the group scenarios: consumer timeouts shortened (ratios as Kafka's: a
 * session of three heartbeats, a rebalance timeout of two sessions) so that evictions and
 * rebalances happen within a few dozen events, a short initial rebalance delay (every consumer
 * starts at once), two coordinator-capable brokers, and records read from the beginning. The
 * broker's group.min.session.timeout.ms is lowered to admit the shortened session.
 */
export const GROUP_BASE = {
  'model.brokers': 2,
  'replication.factor': 1,
  'min.insync.replicas': 1,
  'session.timeout.ms': 3000,
  // The broker's lower bound on it, shortened with it (Kafka: 6000 under the 45000 default session);
  // at Kafka's 6000 every JoinGroup here would be refused with INVALID_SESSION_TIMEOUT.
  'group.min.session.timeout.ms': 1000,
  'heartbeat.interval.ms': 1000,
  'max.poll.interval.ms': 6000,
  'auto.commit.interval.ms': 500,
  'group.initial.rebalance.delay.ms': 100,
  'auto.offset.reset': 'earliest',
  'max.poll.records': 2,
} as const;
