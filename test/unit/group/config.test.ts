import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, configDiff, resolveConfig } from '../../../model/config.ts';

describe('group config keys', () => {
  it("defaults to Kafka's consumer and coordinator defaults", () => {
    const config = resolveConfig();
    expect(config).toMatchObject({
      'session.timeout.ms': 45000,
      'heartbeat.interval.ms': 3000,
      'max.poll.interval.ms': 300000,
      'max.poll.records': 500,
      'partition.assignment.strategy': ['range', 'cooperative-sticky'],
      'enable.auto.commit': true,
      'auto.commit.interval.ms': 5000,
      'auto.offset.reset': 'latest',
      'group.initial.rebalance.delay.ms': 3000,
      'model.groups': 1,
      'model.consumers': 2,
      'model.group.processing': 'process-then-commit',
      'model.group.faults': ['crash'],
    });
    expect(configDiff(config)).toEqual({});
  });

  it('reads partition.assignment.strategy as an ordered list of built-in assignors', () => {
    expect(resolveConfig({ 'partition.assignment.strategy': 'cooperative-sticky, range' })['partition.assignment.strategy']).toEqual(['cooperative-sticky', 'range']);
    expect(resolveConfig({ 'partition.assignment.strategy': ['roundrobin'] })['partition.assignment.strategy']).toEqual(['roundrobin']);
    expect(() => resolveConfig({ 'partition.assignment.strategy': 'range,uniform' })).toThrow('partition.assignment.strategy: unknown value "uniform"; known: range, roundrobin, sticky, cooperative-sticky, kafkajs-roundrobin');
    expect(() => resolveConfig({ 'partition.assignment.strategy': 'range,range' })).toThrow('partition.assignment.strategy: "range" is listed twice');
    expect(() => resolveConfig({ 'partition.assignment.strategy': '' })).toThrow('partition.assignment.strategy: must name at least one of');
    expect(configDiff(resolveConfig({ 'partition.assignment.strategy': 'cooperative-sticky' }))).toEqual({ 'partition.assignment.strategy': 'cooperative-sticky' });
  });

  it('reads model.group.faults as a list that may be empty', () => {
    expect(resolveConfig({ 'model.group.faults': 'pause, crash' })['model.group.faults']).toEqual(['pause', 'crash']);
    expect(resolveConfig({ 'model.group.faults': 'none' })['model.group.faults']).toEqual([]);
    expect(() => resolveConfig({ 'model.group.faults': 'kill' })).toThrow(ConfigError);
  });

  it("enforces Kafka's rules between keys", () => {
    expect(() => resolveConfig({ 'heartbeat.interval.ms': 45000 })).toThrow('heartbeat.interval.ms=45000 must be lower than session.timeout.ms=45000, as the Java consumer requires');
    expect(() => resolveConfig({ 'model.brokers': 1, 'replication.factor': 1, 'min.insync.replicas': 1, 'model.group.faults': 'failover' })).toThrow('model.group.faults includes failover, which needs model.brokers >= 2 (got 1)');
    expect(() => resolveConfig({ 'auto.offset.reset': 'smallest' })).toThrow('auto.offset.reset=smallest: must be one of earliest, latest, none');
    expect(() => resolveConfig({ 'model.group.processing': 'exactly-once' })).toThrow(ConfigError);
  });

  it("reads the retention keys with Kafka's defaults and -1 for unlimited", () => {
    expect(resolveConfig()).toMatchObject({ 'retention.ms': 604800000, 'retention.bytes': -1, 'segment.bytes': 1073741824, 'segment.ms': 604800000, 'log.retention.check.interval.ms': 300000, 'model.group.produce.interval.ms': 0 });
    expect(resolveConfig({ 'retention.ms': -1, 'retention.bytes': '-1', 'auto.offset.reset': 'none' })).toMatchObject({ 'retention.ms': -1, 'retention.bytes': -1, 'auto.offset.reset': 'none' });
    expect(() => resolveConfig({ 'retention.ms': -2 })).toThrow(/^retention\.ms=-2: must be between -1 and /);
    expect(() => resolveConfig({ 'retention.bytes': '1k' })).toThrow('retention.bytes=1k: must be a whole number');
    expect(() => resolveConfig({ 'segment.bytes': 99 })).toThrow('segment.bytes=99: must be between 100 and 2147483647');
    expect(() => resolveConfig({ 'log.retention.check.interval.ms': 0 })).toThrow('log.retention.check.interval.ms=0: must be between 1 and ');
    expect(() => resolveConfig({ 'model.group.produce.interval.ms': -5 })).toThrow('model.group.produce.interval.ms=-5: must be between 0 and 3600000');
  });

  it('does not share the default lists between configs', () => {
    resolveConfig()['partition.assignment.strategy'].push('sticky');
    expect(DEFAULTS['partition.assignment.strategy']).toEqual(['range', 'cooperative-sticky']);
  });
});
