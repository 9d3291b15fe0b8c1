/**
 * The rebalance protocol a consumer runs (ConsumerCoordinator: the highest protocol every
 * configured assignor supports; COOPERATIVE > EAGER) and the assignor behind a protocol name:
 * an assignor plugin the run was given (model/group/pluginModel.ts), else a built-in. A plugin
 * of a built-in's name replaces the built-in for that run.
 */
import { assert } from '../kernel/assert.ts';
import { builtInAssignor } from '../assignors/builtIns.ts';
import type { Assignor, RebalanceProtocol } from '../assignors/types.ts';

export function assignorNamed(name: string, plugins: readonly Assignor[] = []): Assignor {
  const assignor = plugins.find((plugin) => plugin.name === name) ?? builtInAssignor(name);
  assert(assignor !== null, `no assignor "${name}" (config validation should have refused it)`);
  return assignor;
}

export function rebalanceProtocolOf(strategies: readonly string[], plugins: readonly Assignor[] = []): RebalanceProtocol {
  assert(strategies.length > 0, 'partition.assignment.strategy is empty');
  const all = strategies.map((name) => assignorNamed(name, plugins));
  if (all.every((a) => a.supportedProtocols.includes('cooperative'))) return 'cooperative';
  assert(all.every((a) => a.supportedProtocols.includes('eager')), `the assignors ${strategies.join(',')} share no rebalance protocol`);
  return 'eager';
}
