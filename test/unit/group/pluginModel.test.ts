/**
 * The group model with assignor plugins (groupModelWith, issue 4 item 7): a plugin's name is a
 * valid partition.assignment.strategy for that run only, the group leader calls it for SyncGroup
 * (ConsumerCoordinator.onLeaderElected), its rebalance protocol follows the assignors it supports
 * (ConsumerCoordinator: the highest protocol every configured assignor supports), and the plugin
 * is a dependency: shared by clones, left out of fingerprints.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig, resolveConfigWith } from '../../../model/config.ts';
import type { Assignor, AssignorInput } from '../../../model/assignors/types.ts';
import { groupModelWith } from '../../../model/group/index.ts';
import { GROUP_BASE } from '../../../scenarios/builtin/groupTiming.ts';

/** Everything to the member with the highest id: valid, complete, deterministic. */
function lastTakesAll(name: string, supportedProtocols: Assignor['supportedProtocols'], calls: AssignorInput[]): Assignor {
  return {
    name,
    supportedProtocols,
    assign(input) {
      calls.push(input);
      const ids = input.members.map((m) => m.memberId).sort();
      const all = input.topics.flatMap((t) => Array.from({ length: t.partitionCount }, (_, partition) => ({ topic: t.name, partition })));
      return { assignments: ids.map((id, i) => [id, i === ids.length - 1 ? all : []]) };
    },
  };
}

const OVERRIDES = { ...GROUP_BASE, 'num.partitions': 2, 'model.consumers': 2, 'model.group.records': 2 };

function settle(model: ReturnType<typeof groupModelWith>, state: ReturnType<ReturnType<typeof groupModelWith>['init']>): void {
  for (let i = 0; !model.settled(state); i++) {
    if (i > 3000) throw new Error('not settled');
    const event = model.enabled(state).find((e) => !model.isFault(e) && e.type !== 'final-read');
    if (event === undefined) throw new Error('stuck');
    model.step(state, event);
  }
}

describe('group model with an assignor plugin', () => {
  it('accepts the plugin name only when the run declares the plugin', () => {
    const plugin = lastTakesAll('last-takes-all', ['eager'], []);
    expect(() => resolveConfig({ 'partition.assignment.strategy': 'last-takes-all' })).toThrow(
      'partition.assignment.strategy: unknown value "last-takes-all"; known: range, roundrobin, sticky, cooperative-sticky, kafkajs-roundrobin',
    );
    expect(resolveConfigWith({ assignors: [plugin] }, { 'partition.assignment.strategy': 'last-takes-all' })['partition.assignment.strategy']).toEqual(['last-takes-all']);
    // The plugin's protocols count in ConsumerCoordinator's rule: an eager-only plugin next to a cooperative-only list is refused.
    const cooperativeOnly = lastTakesAll('coop-only', ['cooperative'], []);
    expect(() => resolveConfigWith({ assignors: [plugin, cooperativeOnly] }, { 'partition.assignment.strategy': 'last-takes-all,coop-only' })).toThrow('no commonly supported rebalance protocol');
  });

  it("lets the group leader call the plugin for SyncGroup and gives every partition to the plugin's choice", () => {
    const calls: AssignorInput[] = [];
    const model = groupModelWith([lastTakesAll('last-takes-all', ['eager'], calls)]);
    const config = resolveConfigWith({ assignors: [lastTakesAll('last-takes-all', ['eager'], [])] }, OVERRIDES, { 'partition.assignment.strategy': 'last-takes-all' });
    const state = model.init(config, 'test');
    settle(model, state);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls[0]).toMatchObject({ topics: [{ name: 'topic', partitionCount: 2 }], protocol: 'eager' });
    const last = state.ghost.assignments.at(-1)!;
    expect(last).toMatchObject({ protocol: 'last-takes-all', rebalanceProtocol: 'eager' });
    const owners = last.assignments.filter((a) => a.partitions.length > 0);
    expect(owners).toHaveLength(1);
    expect(owners[0].partitions).toEqual([0, 1]);
  });

  it('runs the cooperative protocol when the plugin supports it, eager when listed with range', () => {
    const plugin = lastTakesAll('flex', ['eager', 'cooperative'], []);
    const model = groupModelWith([plugin]);
    for (const [strategy, protocol] of [['flex', 'cooperative'], ['flex,range', 'eager']] as const) {
      const state = model.init(resolveConfigWith({ assignors: [plugin] }, OVERRIDES, { 'partition.assignment.strategy': strategy }), 'test');
      settle(model, state);
      expect(state.ghost.assignments.at(-1)).toMatchObject({ protocol: 'flex', rebalanceProtocol: protocol });
    }
  });

  it('shares the plugin with clones and leaves it out of the fingerprint', () => {
    const plugin = lastTakesAll('last-takes-all', ['eager'], []);
    const model = groupModelWith([plugin]);
    const config = resolveConfigWith({ assignors: [plugin] }, OVERRIDES, { 'partition.assignment.strategy': 'last-takes-all' });
    const state = model.init(config, 'test');
    const copy = model.clone(state);
    expect(copy.assignors).toBe(state.assignors);
    expect(copy.assignors![0]).toBe(plugin);
    const { assignors: _, ...withoutPlugin } = state;
    expect(model.fingerprint(state)).toBe(model.fingerprint({ ...withoutPlugin, assignors: [] } as typeof state));
  });
});
