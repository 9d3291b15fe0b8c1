/**
 * The group model's property catalogue: state invariants first (checked after every step), then
 * history properties (checked once the final read is done). The order is stable; reports list
 * findings in it.
 */
import type { GroupHistoryProperty, GroupProperty, GroupStateProperty } from './groupProperty.ts';
import { singleOwner } from './singleOwner.ts';
import { assignmentValid } from './assignmentValid.ts';
import { assignmentComplete } from './assignmentComplete.ts';
import { revokeBeforeAssign } from './revokeBeforeAssign.ts';
import { generationFenced } from './generationFenced.ts';
import { committedOffsetMonotonic } from './committedOffsetMonotonic.ts';
import { lostProcessing } from './lostProcessing.ts';
import { duplicateProcessing } from './duplicateProcessing.ts';
import { rebalanceConverges } from './rebalanceConverges.ts';
import { pollSkip } from './pollSkip.ts';
import { nonmonotonicPoll } from './nonmonotonicPoll.ts';
import { consumerLag } from './consumerLag.ts';

export const GROUP_STATE_PROPERTIES: GroupStateProperty[] = [singleOwner, assignmentValid, assignmentComplete, revokeBeforeAssign, generationFenced, committedOffsetMonotonic];

export const GROUP_HISTORY_PROPERTIES: GroupHistoryProperty[] = [lostProcessing, duplicateProcessing, rebalanceConverges, pollSkip, nonmonotonicPoll, consumerLag];

export const GROUP_PROPERTIES: GroupProperty[] = [...GROUP_STATE_PROPERTIES, ...GROUP_HISTORY_PROPERTIES];

export function groupPropertyByName(name: string): GroupProperty | undefined {
  return GROUP_PROPERTIES.find((p) => p.name === name);
}
