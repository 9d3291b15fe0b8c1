/**
 * The final drain reader (Jepsen's final phase): after faults heal, it reads every partition
 * from the log start up to the high watermark, through the partition leader.
 */
export interface ReaderState {
  clientId: string;
  phase: 'idle' | 'reading' | 'done';
  /** Partition being read. */
  partition: number;
  offsetNext: number;
  /** Records gathered for the current partition. */
  records: { offset: number; value: string; leaderEpoch: number }[];
  leaders: { leader: number; leaderEpoch: number }[];
  requestInFlight: string | null;
  metadataInFlight: boolean;
  bootstrapIndex: number;
  /** Failed attempts on the current partition, bounded by a limit. */
  attempts: number;
}
