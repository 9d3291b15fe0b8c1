import { describe, expect, it } from 'vitest';
import { FINAL_STATE_PROPERTIES, HISTORY_PROPERTIES, PROPERTIES, STATE_PROPERTIES, propertyByName } from '../../../properties/catalogue.ts';
import * as publicFace from '../../../properties/index.ts';

describe('catalogue', () => {
  it('lists every property once, state invariants first, then final-state properties, then history properties', () => {
    expect(PROPERTIES.map((p) => p.name)).toEqual([
      'strong-isr',
      'leader-in-isr',
      'log-matching',
      'hw-monotonic',
      'leader-completeness',
      'log-divergence',
      'lost-write',
      'unseen',
      'duplicate',
      'inconsistent-offsets',
      'nonmonotonic-send',
      'key-partition-stable',
      'key-order',
      'partition-in-range',
      'partition-skew',
    ]);
    expect(STATE_PROPERTIES.every((p) => p.kind === 'state')).toBe(true);
    expect(FINAL_STATE_PROPERTIES.every((p) => p.kind === 'final')).toBe(true);
    expect(HISTORY_PROPERTIES.every((p) => p.kind === 'history')).toBe(true);
    expect(PROPERTIES).toHaveLength(STATE_PROPERTIES.length + FINAL_STATE_PROPERTIES.length + HISTORY_PROPERTIES.length);
  });

  it('gives every property a kebab-case name and a one-line doc', () => {
    for (const property of PROPERTIES) {
      expect(property.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(property.doc.length).toBeGreaterThan(10);
      expect(property.doc).not.toContain('\n');
    }
  });

  it('finds properties by name', () => {
    expect(propertyByName('lost-write')?.kind).toBe('history');
    expect(propertyByName('strong-isr')?.kind).toBe('state');
    expect(propertyByName('lost-writes')).toBeUndefined();
  });

  it('exposes the catalogue and the judge from index.ts', () => {
    expect(publicFace.PROPERTIES).toBe(PROPERTIES);
    expect(typeof publicFace.createClusterJudge).toBe('function');
    expect(publicFace.lostWrite.name).toBe('lost-write');
    expect(publicFace.nonmonotonicSend.name).toBe('nonmonotonic-send');
    expect(publicFace.keyPartitionStable.name).toBe('key-partition-stable');
    expect(publicFace.partitionInRange.name).toBe('partition-in-range');
  });
});
