import { describe, expect, test } from 'vitest';
import { varyKeys, keysOfModel } from '../../../../checker/fuzz/vary.ts';
import { configErrorOf } from './configErrorOf.ts';

describe('--vary', () => {
  test('all is every key of the model that has a range', () => {
    expect(varyKeys('cluster', 'all')).toEqual(keysOfModel('cluster'));
    expect(varyKeys('group', ['linger.ms', 'all'])).toEqual(keysOfModel('group'));
  });

  test('named keys, each once, in config-key order', () => {
    expect(varyKeys('cluster', ['model.records', 'linger.ms', 'linger.ms', ' batch.size '])).toEqual(['batch.size', 'linger.ms', 'model.records']);
  });

  test('an unknown key gets the nearest name', () => {
    expect(configErrorOf(() => varyKeys('cluster', ['lingr.ms']))).toBe('--vary lingr.ms: unknown config key; did you mean "linger.ms"?');
  });

  test('an excluded key says why; a key of the other model says which model reads it', () => {
    expect(configErrorOf(() => varyKeys('cluster', ['model.partition.plan']))).toMatch(/^--vary model\.partition\.plan: kmc fuzz does not vary it: kmc check-partitioner/);
    expect(configErrorOf(() => varyKeys('cluster', ['session.timeout.ms']))).toBe(
      '--vary session.timeout.ms: the cluster model does not read it (it is a key of the group model); the base scenario runs the cluster model',
    );
    expect(configErrorOf(() => varyKeys('group', ['acks']))).toContain('the group model does not read it');
  });

  test('an empty list is bad input', () => {
    expect(configErrorOf(() => varyKeys('cluster', [' ']))).toBe('--vary: name at least one config key, or all');
  });
});
