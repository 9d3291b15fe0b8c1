import { describe, expect, it } from 'vitest';
import { ModelAssertionError } from '../../../../model/kernel/assert.ts';
import { LIMITS } from '../../../../model/limits.ts';
import { blockLink, createNetwork, dropConnection, healAll, inFlightCount, isBlocked, linkKey, peersOf, sendMessage, takeHead } from '../../../../model/network/network.ts';
import type { Rpc } from '../../../../model/network/rpc.ts';
import type { NetworkState } from '../../../../model/network/types.ts';

function metadata(requestId: string): Rpc {
  return { type: 'Metadata', requestId };
}

function ids(network: NetworkState, from: string, to: string): string[] {
  return network.connections.find((c) => c.key === linkKey(from, to))?.inFlight.map((m) => m.id) ?? [];
}

describe('network', () => {
  it('names messages "<from>><to>#<seq>", counting per direction of a connection', () => {
    const network = createNetwork();
    expect(sendMessage(network, 'producer-1', 'broker-1', metadata('m-1'))).toBe('producer-1>broker-1#0');
    expect(sendMessage(network, 'producer-1', 'broker-1', metadata('m-2'))).toBe('producer-1>broker-1#1');
    expect(sendMessage(network, 'broker-1', 'producer-1', metadata('m-3'))).toBe('broker-1>producer-1#0');
    expect(sendMessage(network, 'producer-1', 'broker-2', metadata('m-4'))).toBe('producer-1>broker-2#0');
  });

  it('keeps sequence numbers after delivery and drops, so ids are never reused', () => {
    const network = createNetwork();
    const first = sendMessage(network, 'a', 'b', metadata('1'));
    takeHead(network, 'a', 'b', first);
    sendMessage(network, 'a', 'b', metadata('2'));
    expect(dropConnection(network, 'a', 'b')).toBe(1);
    expect(sendMessage(network, 'a', 'b', metadata('3'))).toBe('a>b#2');
  });

  it('delivers one connection in FIFO order', () => {
    const network = createNetwork();
    const sent = ['r1', 'r2', 'r3'].map((r) => sendMessage(network, 'broker-2', 'broker-1', metadata(r)));
    const received = sent.map((id) => takeHead(network, 'broker-2', 'broker-1', id));
    expect(received.map((m) => (m.body as { requestId: string }).requestId)).toEqual(['r1', 'r2', 'r3']);
    expect(received.map((m) => m.from)).toEqual(['broker-2', 'broker-2', 'broker-2']);
    expect(inFlightCount(network)).toBe(0);
  });

  it('takeHead asserts FIFO: taking a message that is not the oldest is a model bug', () => {
    const network = createNetwork();
    sendMessage(network, 'a', 'b', metadata('1'));
    const second = sendMessage(network, 'a', 'b', metadata('2'));
    expect(() => takeHead(network, 'a', 'b', second)).toThrow(ModelAssertionError);
    expect(() => takeHead(network, 'a', 'b', second)).toThrow('the oldest message on a>b is a>b#0, not a>b#1 (FIFO)');
    expect(ids(network, 'a', 'b')).toEqual(['a>b#0', 'a>b#1']);
    expect(() => takeHead(network, 'b', 'a', 'b>a#0')).toThrow('no message in flight on b>a');
  });

  it('refuses a message to oneself', () => {
    expect(() => sendMessage(createNetwork(), 'broker-1', 'broker-1', metadata('x'))).toThrow(/cannot send to itself/);
  });

  it('bounds a connection at LIMITS.connectionInFlightMax messages', () => {
    const network = createNetwork();
    for (let i = 0; i < LIMITS.connectionInFlightMax; i++) sendMessage(network, 'a', 'b', metadata(String(i)));
    expect(() => sendMessage(network, 'a', 'b', metadata('one too many'))).toThrow(ModelAssertionError);
  });

  it('keeps connections sorted by key, created on first send', () => {
    const network = createNetwork();
    for (const [from, to] of [['producer-1', 'broker-2'], ['broker-1', 'controller'], ['controller', 'broker-1'], ['broker-2', 'broker-1']]) sendMessage(network, from, to, metadata('x'));
    expect(network.connections.map((c) => c.key)).toEqual(['broker-1>controller', 'broker-2>broker-1', 'controller>broker-1', 'producer-1>broker-2']);
  });

  it('holds messages on a blocked link until heal: nothing is lost', () => {
    const network = createNetwork();
    blockLink(network, 'broker-1', 'broker-2');
    sendMessage(network, 'broker-1', 'broker-2', metadata('held'));
    expect(isBlocked(network, 'broker-1', 'broker-2')).toBe(true);
    expect(isBlocked(network, 'broker-2', 'broker-1')).toBe(false);
    expect(inFlightCount(network)).toBe(1);
    healAll(network);
    expect(isBlocked(network, 'broker-1', 'broker-2')).toBe(false);
    expect(network.blocked).toEqual([]);
    expect(takeHead(network, 'broker-1', 'broker-2', 'broker-1>broker-2#0').body).toEqual(metadata('held'));
  });

  it('matches blocked links exactly, not by prefix (broker-1 is not broker-11)', () => {
    const network = createNetwork();
    blockLink(network, 'broker-1', 'broker-2');
    expect(isBlocked(network, 'broker-11', 'broker-2')).toBe(false);
    expect(isBlocked(network, 'broker-1', 'broker-22')).toBe(false);
    expect(isBlocked(network, 'broker-1', 'roker-2')).toBe(false);
  });

  it('records each blocked link once, sorted', () => {
    const network = createNetwork();
    blockLink(network, 'b', 'a');
    blockLink(network, 'a', 'b');
    blockLink(network, 'b', 'a');
    expect(network.blocked).toEqual(['a>b', 'b>a']);
  });

  it('dropConnection loses both directions and returns how many messages were lost', () => {
    const network = createNetwork();
    sendMessage(network, 'producer-1', 'broker-1', metadata('1'));
    sendMessage(network, 'producer-1', 'broker-1', metadata('2'));
    sendMessage(network, 'broker-1', 'producer-1', metadata('3'));
    sendMessage(network, 'producer-1', 'broker-2', metadata('other connection'));
    expect(dropConnection(network, 'broker-1', 'producer-1')).toBe(3);
    expect(ids(network, 'producer-1', 'broker-1')).toEqual([]);
    expect(ids(network, 'broker-1', 'producer-1')).toEqual([]);
    expect(ids(network, 'producer-1', 'broker-2')).toEqual(['producer-1>broker-2#0']);
    expect(dropConnection(network, 'broker-1', 'producer-1')).toBe(0);
    expect(dropConnection(network, 'x', 'y')).toBe(0);
  });

  it('lists the peers a node has connections with, either direction, sorted', () => {
    const network = createNetwork();
    sendMessage(network, 'broker-2', 'controller', metadata('1'));
    sendMessage(network, 'broker-1', 'broker-2', metadata('2'));
    sendMessage(network, 'broker-2', 'broker-1', metadata('3'));
    expect(peersOf(network, 'broker-2')).toEqual(['broker-1', 'controller']);
    expect(peersOf(network, 'producer-1')).toEqual([]);
  });
});
