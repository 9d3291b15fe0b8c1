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
  /** When the read of the current partition began failing without a success since (-1: it is not failing), bounded by a limit. */
  failingSinceMs: number;
}
