/**
 * The property catalogue: every property kmc judges, state invariants first (checked after every
 * step), then final-state properties (checked once on the settled state), then history properties
 * (checked at the end of a run). The order is stable; reports list findings in it.
 */
import type { FinalStateProperty, HistoryProperty, Property, StateProperty } from './property.ts';
import { strongIsr } from './strongIsr.ts';
import { leaderInIsr } from './leaderInIsr.ts';
import { logMatching } from './logMatching.ts';
import { logDivergence } from './logDivergence.ts';
import { hwMonotonic } from './hwMonotonic.ts';
import { leaderCompleteness } from './leaderCompleteness.ts';
import { lostWrite } from './lostWrite.ts';
import { unseen } from './unseen.ts';
import { duplicate } from './duplicate.ts';
import { inconsistentOffsets } from './inconsistentOffsets.ts';
import { nonmonotonicSend } from './nonmonotonicSend.ts';
import { keyPartitionStable } from './keyPartitionStable.ts';
import { partitionInRange } from './partitionInRange.ts';
import { keyOrder } from './keyOrder.ts';
import { partitionSkew } from './partitionSkew.ts';

export const STATE_PROPERTIES: StateProperty[] = [strongIsr, leaderInIsr, logMatching, hwMonotonic, leaderCompleteness];

export const FINAL_STATE_PROPERTIES: FinalStateProperty[] = [logDivergence];

export const HISTORY_PROPERTIES: HistoryProperty[] = [lostWrite, unseen, duplicate, inconsistentOffsets, nonmonotonicSend, keyPartitionStable, keyOrder, partitionInRange, partitionSkew];

export const PROPERTIES: Property[] = [...STATE_PROPERTIES, ...FINAL_STATE_PROPERTIES, ...HISTORY_PROPERTIES];

/** The property named `name` (kebab-case, e.g. "lost-write"), or undefined. */
export function propertyByName(name: string): Property | undefined {
  for (let i = 0; i < PROPERTIES.length; i++) if (PROPERTIES[i].name === name) return PROPERTIES[i];
  return undefined;
}
