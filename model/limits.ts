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
  /** Attempts the final reader makes on one partition before the model gives up (a settle bug). */
  readerAttemptsMax: 200,
  /** A producer's epoch (a Java short); past it Java asks for a new producer id, which is not modelled. */
  producerEpochMax: 32767,
  /** History operations in one run. */
  historyOpsMax: 100000,
  /** Alterations model.alter.configs may list. */
  alterationsMax: 16,
} as const;
