import { describe, expect, it } from 'vitest';
import { checkSetOnScenario, formatSetFlags, parseSetFlags } from '../../../cli/setFlag.ts';
import { fakeScenario } from './fakes.ts';

const failure = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect((error as Error).name).toBe('UsageError');
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
};

describe('--set key=value', () => {
  it('collects overrides in order; a later value for a key wins', () => {
    expect(parseSetFlags(['acks=1', 'retries=0', 'acks=all'])).toEqual({ acks: 'all', retries: '0' });
  });

  it('keeps "=" inside the value', () => {
    expect(() => parseSetFlags(['model.faults=kill=x'])).toThrow(/unknown fault kind "kill=x"/);
  });

  it('needs key=value', () => {
    expect(failure(() => parseSetFlags(['acks']))).toBe('--set acks: expected key=value, such as --set acks=all');
    expect(failure(() => parseSetFlags(['=1']))).toBe('--set =1: the key before "=" is empty');
  });

  it('names an unknown key and the nearest known one', () => {
    expect(failure(() => parseSetFlags(['acsk=1']))).toBe('--set acsk=1: unknown config key "acsk"; did you mean "acks"?');
  });

  it('states the rule a value breaks', () => {
    expect(failure(() => parseSetFlags(['acks=2']))).toBe('--set acks=2: acks must be 0, 1, all or -1');
    expect(failure(() => parseSetFlags(['model.brokers=9']))).toBe('--set model.brokers=9: model.brokers must be between 1 and 7');
    expect(failure(() => parseSetFlags(['retries=lots']))).toBe('--set retries=lots: retries must be a whole number');
    expect(failure(() => parseSetFlags(['enable.idempotence=yes']))).toBe('--set enable.idempotence=yes: enable.idempotence must be true or false');
    expect(failure(() => parseSetFlags(['model.truncation=none']))).toMatch(/^--set model.truncation=none: model.truncation must be one of diverging-epoch, /);
    expect(failure(() => parseSetFlags(['model.faults=kill,zap']))).toMatch(/^--set model.faults=kill,zap: unknown fault kind "zap"; known: kill, /);
  });

  it('leaves rules between keys to the scenario check', () => {
    expect(parseSetFlags(['replication.factor=5'])).toEqual({ 'replication.factor': '5' });
  });
});

describe('--set against a scenario', () => {
  it('accepts overrides that fit the scenario together', () => {
    const scenario = fakeScenario('five-brokers', { config: { 'model.brokers': 5 } });
    expect(() => checkSetOnScenario(scenario, { 'replication.factor': '5' })).not.toThrow();
    expect(() => checkSetOnScenario(fakeScenario('three'), { 'model.brokers': '5', 'replication.factor': '5' })).not.toThrow();
  });

  it('names the scenario, the overrides and the rule they break together', () => {
    const message = failure(() => checkSetOnScenario(fakeScenario('three'), { 'replication.factor': '5' }));
    expect(message).toBe('scenario three with --set replication.factor=5: replication.factor=5 exceeds model.brokers=3: a partition cannot have more replicas than there are brokers');
  });

  it('formats overrides as they are typed', () => {
    expect(formatSetFlags({ acks: '1', retries: '0' })).toBe('--set acks=1 --set retries=0');
  });
});
