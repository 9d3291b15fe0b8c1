import { describe, expect, it } from 'vitest';
import { CONTROLLER, READER, brokerIdOf, brokerNode, producerNode } from '../../../../model/network/nodes.ts';

describe('node ids', () => {
  it('names brokers and producers by number', () => {
    expect(brokerNode(3)).toBe('broker-3');
    expect(producerNode(1)).toBe('producer-1');
  });

  it('maps a broker node back to its id, and everything else to -1', () => {
    expect(brokerIdOf('broker-3')).toBe(3);
    expect(brokerIdOf('broker-12')).toBe(12);
    expect(brokerIdOf(CONTROLLER)).toBe(-1);
    expect(brokerIdOf(READER)).toBe(-1);
    expect(brokerIdOf('producer-1')).toBe(-1);
  });
});
