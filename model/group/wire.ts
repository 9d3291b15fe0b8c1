/**
 * The group model's network: the same TCP-like shape as model/network (FIFO per direction of a
 * connection, cut links that hold messages until healed, dropped connections that lose what is
 * in flight both ways), carrying the group protocol's messages. Node ids: "broker-<id>" and
 * "consumer-<n>". It never reorders one connection.
 */
import { assert } from '../kernel/assert.ts';
import type { GroupRpc } from './rpc.ts';
import { GROUP_LIMITS } from './limits.ts';

export interface WireMessage {
  /** Stable id: "<from>><to>#<seq>", seq counted per connection. */
  id: string;
  from: string;
  to: string;
  body: GroupRpc;
}

export interface WireConnection {
  key: string;
  from: string;
  to: string;
  inFlight: WireMessage[];
  seqNext: number;
}

export interface WireState {
  /** Sorted by key; created on first send. */
  connections: WireConnection[];
  /** Cut directed links "<from>><to>", sorted: they deliver nothing until healed. */
  blocked: string[];
}

export function createWire(): WireState {
  return { connections: [], blocked: [] };
}

export function wireKey(from: string, to: string): string {
  return `${from}>${to}`;
}

/** Binary search: connections are sorted by key (sendOnWire inserts in order) and keys are unique. */
function findConnection(wire: WireState, key: string): WireConnection | undefined {
  const connections = wire.connections;
  let low = 0;
  let high = connections.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (connections[mid].key < key) low = mid + 1;
    else high = mid;
  }
  return low < connections.length && connections[low].key === key ? connections[low] : undefined;
}

/** Queues a message on from -> to; returns its id. */
export function sendOnWire(wire: WireState, from: string, to: string, body: GroupRpc): string {
  assert(from !== to, `a node cannot send to itself (${from})`);
  const key = wireKey(from, to);
  let connection = findConnection(wire, key);
  if (connection === undefined) {
    connection = { key, from, to, inFlight: [], seqNext: 0 };
    let index = wire.connections.length;
    while (index > 0 && wire.connections[index - 1].key > key) index--;
    wire.connections.splice(index, 0, connection);
  }
  assert(connection.inFlight.length < GROUP_LIMITS.connectionInFlightMax, `connection ${key} exceeds ${GROUP_LIMITS.connectionInFlightMax} in-flight messages`);
  const id = `${key}#${connection.seqNext}`;
  connection.seqNext++;
  connection.inFlight.push({ id, from, to, body });
  return id;
}

export function isCut(wire: WireState, from: string, to: string): boolean {
  return wire.blocked.length > 0 && wire.blocked.includes(wireKey(from, to));
}

/** Removes and returns the oldest message of from -> to; asserts it is `id` (FIFO). */
export function takeFromWire(wire: WireState, from: string, to: string, id: string): WireMessage {
  const connection = findConnection(wire, wireKey(from, to));
  assert(connection !== undefined && connection.inFlight.length > 0, `no message in flight on ${wireKey(from, to)}`);
  const head = connection.inFlight[0];
  assert(head.id === id, `the oldest message on ${connection.key} is ${head.id}, not ${id} (FIFO)`);
  connection.inFlight.shift();
  return head;
}

/** The oldest message of from -> to, or undefined. */
export function headOf(wire: WireState, from: string, to: string): WireMessage | undefined {
  return findConnection(wire, wireKey(from, to))?.inFlight[0];
}

/** Loses what is in flight between a and b, both ways; returns how many messages were lost. */
export function dropBetween(wire: WireState, a: string, b: string): number {
  let lost = 0;
  for (const key of [wireKey(a, b), wireKey(b, a)]) {
    const connection = findConnection(wire, key);
    if (connection) {
      lost += connection.inFlight.length;
      connection.inFlight.length = 0;
    }
  }
  return lost;
}

/** Every node `node` has a connection with, either direction, sorted. */
export function peersOnWire(wire: WireState, node: string): string[] {
  const peers: string[] = [];
  for (const connection of wire.connections) {
    if (connection.from === node && !peers.includes(connection.to)) peers.push(connection.to);
    if (connection.to === node && !peers.includes(connection.from)) peers.push(connection.from);
  }
  return peers.sort();
}

export function cutLink(wire: WireState, from: string, to: string): void {
  const key = wireKey(from, to);
  if (wire.blocked.includes(key)) return;
  wire.blocked.push(key);
  wire.blocked.sort();
}

export function healWire(wire: WireState): void {
  wire.blocked.length = 0;
}

export function inFlightOnWire(wire: WireState): number {
  let count = 0;
  for (const connection of wire.connections) count += connection.inFlight.length;
  return count;
}
