/** properties/group/: the group model's detectors, catalogue and judge. */
export type { GroupHistoryProperty, GroupProperty, GroupStateProperty } from './groupProperty.ts';
export { GROUP_HISTORY_PROPERTIES, GROUP_PROPERTIES, GROUP_STATE_PROPERTIES, groupPropertyByName } from './catalogue.ts';
export { createGroupJudge } from './judge.ts';
export { singleOwner, type SingleOwnerData } from './singleOwner.ts';
export { assignmentValid, type AssignmentValidData } from './assignmentValid.ts';
export { assignmentComplete, type AssignmentCompleteData } from './assignmentComplete.ts';
export { revokeBeforeAssign, type RevokeBeforeAssignData } from './revokeBeforeAssign.ts';
export { generationFenced, type GenerationFencedData } from './generationFenced.ts';
export { committedOffsetMonotonic, type CommittedOffsetMonotonicData } from './committedOffsetMonotonic.ts';
export { lostProcessing, type LostProcessingData } from './lostProcessing.ts';
export { duplicateProcessing, type DuplicateProcessingData } from './duplicateProcessing.ts';
export { rebalanceConverges, convergenceBoundMs, type RebalanceConvergesData } from './rebalanceConverges.ts';
export { pollSkip, type PollSkipData } from './pollSkip.ts';
export { nonmonotonicPoll, type NonmonotonicPollData } from './nonmonotonicPoll.ts';
