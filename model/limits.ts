/**
 * Every bound in the model, in one place (TIGER_STYLE: put a limit on everything). Exceeding one
 * is a model assertion, never a hang.
 */
export const LIMITS = {
  /** Messages in flight on one direction of one connection. */
  connectionInFlightMax: 256,
  /** Records in one replica's log. */
  logRecordsMax: 4096,
  /**
   * Records one fetch response carries (the model's replica.fetch.max.bytes / fetch.max.bytes);
   * its first batch comes whole even when larger (KIP-74).
   */
  fetchRecordsMax: 64,
  /** Timers pending at once. */
  timersMax: 1024,
  /**
   * The final reader gives up on a partition (a settle bug) once its reads have kept failing for
   * this many settle horizons (cluster/settleWithin.ts) of virtual time: past the engines' own
   * bound on the final read, which is one horizon from its start, so a cluster that does not
   * recover is reported as final-read-incomplete first. (A bound in attempts was not faithful:
   * 200 attempts at retry.backoff.ms=0 are 0.2 s, less than a fenced broker takes to come back.)
   */
  readerRetryHorizons: 2,
  /**
   * Least wait before a client retries (clients/retryBackoff.ts): a retry costs at least a round
   * trip in Kafka, while the model delivers messages in zero time.
   */
  retryBackoffMsMin: 1,
  /**
   * Model.settleWithinMs (cluster/settleWithin.ts, group/settleWithin.ts): a model must settle,
   * once faults heal, within this many times the sum of the timeouts recovery can wait on, plus
   * settleSlackMs.
   */
  settleTimeoutsFactor: 2,
  settleSlackMs: 60_000,
  /** A producer's epoch (a Java short); past it Java asks for a new producer id, which is not modelled. */
  producerEpochMax: 32767,
  /** History operations in one run. */
  historyOpsMax: 100000,
} as const;
