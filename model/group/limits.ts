/**
 * Every bound of the group model, in one place (TIGER_STYLE: put a limit on everything).
 * Exceeding one is a model assertion, never a hang.
 */
export const GROUP_LIMITS = {
  /** Messages in flight on one direction of one connection. */
  connectionInFlightMax: 64,
  /** Timers pending at once. */
  timersMax: 256,
  /** Members of one group at the coordinator (live consumers plus expired ones not yet evicted). */
  groupMembersMax: 64,
  /** Records a consumer holds fetched but not yet processed (its poll buffer or hand-off queue). */
  bufferRecordsMax: 256,
  /** Requests one consumer has awaiting a response (find, join or sync, heartbeat, fetch, commit). */
  outstandingRequestsMax: 8,
  /** Partitions of all topics together, added ones included (topics.ts). */
  partitionsMax: 64,
  /** Operations in one run's history (processing and final offsets). */
  historyOpsMax: 20000,
  /** Commits, assignments and rebalances the ghost records in one run. */
  ghostEntriesMax: 20000,
  /**
   * Equal lag samples in a row of one group-partition the ghost keeps (production.ts sampleLag):
   * at least Burrow's window (properties/group/consumerLag.ts CONSUMER_LAG_WINDOW, 10), so that
   * dropping the rest changes no consumer-lag verdict.
   */
  lagSamplesRepeatedMax: 10,
} as const;
