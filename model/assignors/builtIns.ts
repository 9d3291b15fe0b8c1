/**
 * The built-in assignors by protocol name, in the order `partition.assignment.strategy` lists
 * Java's (range, roundrobin, sticky, cooperative-sticky), then KafkaJS's round robin.
 */
import { cooperativeStickyAssignor } from './cooperativeSticky.ts';
import { kafkajsRoundRobinAssignor } from './kafkajsRoundRobin.ts';
import { rangeAssignor } from './range.ts';
import { roundRobinAssignor } from './roundRobin.ts';
import { stickyAssignor } from './sticky.ts';
import type { Assignor } from './types.ts';

export const BUILT_IN_ASSIGNORS: readonly Assignor[] = [rangeAssignor, roundRobinAssignor, stickyAssignor, cooperativeStickyAssignor, kafkajsRoundRobinAssignor];

/** The built-in assignor with this protocol name, or null. */
export function builtInAssignor(name: string): Assignor | null {
  return BUILT_IN_ASSIGNORS.find((assignor) => assignor.name === name) ?? null;
}
