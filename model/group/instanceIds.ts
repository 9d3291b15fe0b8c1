/**
 * Which consumers of the group model set group.instance.id (static membership, KIP-345), from
 * model.group.instance.ids. The model generates its consumers from one config, so the ids are
 * derived from the consumer's number: consumer-<n> sets instance-<n>. In `replacement` mode the
 * last consumer of each group is a second process for the first consumer's instance (a
 * replacement the operator starts while the old process may still be alive): it shares the
 * first's group.instance.id and starts stopped, until the engine starts it.
 */
import type { KmcConfig } from '../config.ts';

/** group.instance.id of consumer `slot` (0-based) of a group whose first consumer is consumer-<first>. */
export function instanceIdOf(config: KmcConfig, first: number, slot: number): string | null {
  const mode = config['model.group.instance.ids'];
  if (mode === 'none') return null;
  const isReplacement = mode === 'replacement' && slot === config['model.consumers'] - 1;
  return `instance-${isReplacement ? first : first + slot}`;
}

/** Whether consumer `slot` of a group starts stopped (the replacement process). */
export function startsStopped(config: KmcConfig, slot: number): boolean {
  return config['model.group.instance.ids'] === 'replacement' && slot === config['model.consumers'] - 1;
}
