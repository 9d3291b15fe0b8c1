/**
 * The network: TCP-like FIFO connections between every ordered pair of nodes. A message sent
 * on a cut link waits in its connection (TCP retransmits) until the cut heals or the connection
 * drops. Dropping a connection loses what is in flight both ways; the peers see a disconnect.
 * Faults this network models: connection drop, one-way and two-way partitions of any node sets,
 * heal. It never reorders one connection; reordering comes from retries and from separate
 * connections, as in real Kafka.
 */
import type { Rpc } from './rpc.ts';

export interface Message {
  /** Stable id: "<from>><to>#<seq>", seq counted per connection. */
  id: string;
  from: string;
  to: string;
  body: Rpc;
}

export interface Connection {
  /** "<from>><to>": one direction of a TCP connection. */
  key: string;
  from: string;
  to: string;
  inFlight: Message[];
  /** Next sequence number for message ids on this direction. */
  seqNext: number;
}

export interface NetworkState {
  /** Sorted by key. Created on first send. */
  connections: Connection[];
  /** Directed links that drop nothing but deliver nothing: "<from>><to>", sorted. */
  blocked: string[];
}
