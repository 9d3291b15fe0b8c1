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
   * Failed attempts of the final reader on one partition before the model gives up (a settle
   * bug). Far above what the engines let a run reach (a final read of 10^6 events at most,
   * checker/limits.ts, two events or more an attempt; a fault phase of a scenario's steps), so a
   * reader that cannot finish is reported as final-read-incomplete, not as this assertion. A
   * smaller bound was reachable by a run Kafka has: 200 attempts at retry.backoff.ms=0 are 0.2 s
   * of virtual time, less than a fenced broker takes to come back; and no bound in virtual time
   * holds either, since a fault phase can run for many minutes of it (long timers) in few steps.
   */
  readerAttemptsMax: 2_000_000,
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
  /** Alterations model.alter.configs may list. */
  alterationsMax: 16,
} as const;
