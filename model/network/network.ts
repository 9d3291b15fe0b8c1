/**
 * Operations on the network state (see types.ts for the fault model). Pure data manipulation:
 * whether a receiver can take a message is the cluster's business.
 */
import { assert } from '../kernel/assert.ts';
import { LIMITS } from '../limits.ts';
import type { Rpc } from './rpc.ts';
import type { Connection, Message, NetworkState } from './types.ts';

export function createNetwork(): NetworkState {
  return { connections: [], blocked: [] };
}

/**
 * linkKey's answers so far, by sender and receiver: one flat string per link, built once (node
 * names come from a small fixed family; past LINK_KEYS_SENDERS_MAX senders, keys are built afresh).
 */
const linkKeys = new Map<string, Map<string, string>>();
const LINK_KEYS_SENDERS_MAX = 4096;

export function linkKey(from: string, to: string): string {
  let byReceiver = linkKeys.get(from);
  if (byReceiver === undefined) {
    if (linkKeys.size >= LINK_KEYS_SENDERS_MAX) return `${from}>${to}`;
    linkKeys.set(from, (byReceiver = new Map()));
  }
  let key = byReceiver.get(to);
  if (key === undefined) byReceiver.set(to, (key = `${from}>${to}`));
  return key;
}

function findConnection(network: NetworkState, key: string): Connection | undefined {
  // Sorted by key: binary search.
  const list = network.connections;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const candidate = list[mid].key;
    if (candidate === key) return list[mid];
    if (candidate < key) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}

function connectionFor(network: NetworkState, from: string, to: string): Connection {
  const key = linkKey(from, to);
  const found = findConnection(network, key);
  if (found) return found;
  const created: Connection = { key, from, to, inFlight: [], seqNext: 0 };
  const list = network.connections;
  let index = list.length;
  while (index > 0 && list[index - 1].key > key) index--;
  list.splice(index, 0, created);
  return created;
}

/** Queues a message on from -> to. Returns its id. */
export function sendMessage(network: NetworkState, from: string, to: string, body: Rpc): string {
  assert(from !== to, () => `a node cannot send to itself (${from})`);
  const connection = connectionFor(network, from, to);
  assert(connection.inFlight.length < LIMITS.connectionInFlightMax, () => `connection ${connection.key} exceeds ${LIMITS.connectionInFlightMax} in-flight messages`);
  const id = `${connection.key}#${connection.seqNext}`;
  connection.seqNext++;
  connection.inFlight.push({ id, from, to, body });
  return id;
}

export function isBlocked(network: NetworkState, from: string, to: string): boolean {
  const blocked = network.blocked;
  if (blocked.length === 0) return false;
  const length = from.length + 1 + to.length;
  for (let i = 0; i < blocked.length; i++) {
    const key = blocked[i];
    if (key.length === length && key.startsWith(from) && key.charCodeAt(from.length) === 62 /* '>' */ && key.endsWith(to)) return true;
  }
  return false;
}

/** Removes and returns the oldest message of from -> to; asserts it is `id`. */
export function takeHead(network: NetworkState, from: string, to: string, id: string): Message {
  const connection = findConnection(network, linkKey(from, to));
  assert(connection !== undefined && connection.inFlight.length > 0, () => `no message in flight on ${linkKey(from, to)}`);
  const head = connection.inFlight[0];
  assert(head.id === id, () => `the oldest message on ${connection.key} is ${head.id}, not ${id} (FIFO)`);
  connection.inFlight.shift();
  return head;
}

/** Drops the connection between a and b: returns how many messages were lost. */
export function dropConnection(network: NetworkState, a: string, b: string): number {
  let lost = 0;
  for (const key of [linkKey(a, b), linkKey(b, a)]) {
    const connection = findConnection(network, key);
    if (connection) {
      lost += connection.inFlight.length;
      connection.inFlight.length = 0;
    }
  }
  return lost;
}

/** Every peer that `node` has a connection with (either direction), sorted. */
export function peersOf(network: NetworkState, node: string): string[] {
  const peers: string[] = [];
  for (const connection of network.connections) {
    if (connection.from === node && !peers.includes(connection.to)) peers.push(connection.to);
    if (connection.to === node && !peers.includes(connection.from)) peers.push(connection.from);
  }
  return peers.sort();
}

export function blockLink(network: NetworkState, from: string, to: string): void {
  const key = linkKey(from, to);
  if (network.blocked.includes(key)) return;
  network.blocked.push(key);
  network.blocked.sort();
}

export function healAll(network: NetworkState): void {
  network.blocked.length = 0;
}

export function inFlightCount(network: NetworkState): number {
  let count = 0;
  for (const connection of network.connections) count += connection.inFlight.length;
  return count;
}
