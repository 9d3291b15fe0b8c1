/**
 * The rebalance protocol a consumer runs (ConsumerCoordinator: the highest protocol every
 * configured assignor supports; COOPERATIVE > EAGER) and the assignor behind a protocol name.
 */
import { assert } from '../kernel/assert.ts';
import { builtInAssignor } from '../assignors/builtIns.ts';
import type { Assignor, RebalanceProtocol } from '../assignors/types.ts';

export function assignorNamed(name: string): Assignor {
  const assignor = builtInAssignor(name);
  assert(assignor !== null, `no built-in assignor "${name}" (config validation should have refused it)`);
  return assignor;
}

export function rebalanceProtocolOf(strategies: readonly string[]): RebalanceProtocol {
  assert(strategies.length > 0, 'partition.assignment.strategy is empty');
  const all = strategies.map(assignorNamed);
  if (all.every((a) => a.supportedProtocols.includes('cooperative'))) return 'cooperative';
  assert(all.every((a) => a.supportedProtocols.includes('eager')), `the assignors ${strategies.join(',')} share no rebalance protocol`);
  return 'eager';
}
