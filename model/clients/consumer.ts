/**
 * A group consumer: the Java classic KafkaConsumer with subscribe() (Kafka:clients/src/main/java/
 * org/apache/kafka/clients/consumer/internals/AbstractCoordinator.java and ConsumerCoordinator.java),
 * and the application loop around it, whose processing model is explicit
 * (model.group.processing, enable.auto.commit):
 *
 * - process-then-commit (at-least-once): poll, process the batch, then commit (commitSync, or the
 *   auto-commit, which in Java commits inside the next poll() what earlier polls returned). A crash
 *   between processing and the commit makes the next owner process those records again.
 * - commit-before-process with explicit commits (at-most-once): poll, commitSync the new
 *   position, process only once the commit succeeded (a failed commit seeks back and drops the
 *   batch). A crash between the commit and the processing loses the batch.
 * - commit-before-process with enable.auto.commit=true: the loop hands records to a worker and
 *   polls on; the auto-commit commits positions of records the worker may not have processed
 *   yet. A crash loses the queued records.
 *
 * Group membership follows the Java client: FindCoordinator, JoinGroup (a new dynamic member is
 * answered MEMBER_ID_REQUIRED and joins again with the id it was given, KIP-394; the leader runs the
 * assignor named by the selected protocol, unless told to skip it, KIP-814), SyncGroup, Heartbeat every heartbeat.interval.ms
 * (a heartbeat thread: it runs while the application processes), LeaveGroup when poll() was not
 * called for max.poll.interval.ms. Rebalance callbacks run inside poll() (onJoinPrepare,
 * onJoinComplete), so a busy application applies a new assignment or rejoins only once it is back
 * in poll(). Before rejoining the consumer commits what is due (auto-commit's
 * maybeAutoCommitOffsetsSync; an explicit-commit application's onPartitionsRevoked). Eager: every
 * owned partition is revoked before JoinGroup. Cooperative (KIP-429): owned partitions are kept and
 * reported in the subscription; after SyncGroup only the partitions that moved are revoked, and the
 * member rejoins at once. A member reset by UNKNOWN_MEMBER_ID or ILLEGAL_GENERATION treats its
 * partitions as lost (onPartitionsLost) and rejoins without claiming them, except before Kafka 3.0
 * when the reset came after onJoinPrepare had run for the rebalance (KAFKA-12983): it rejoins
 * still owning and claiming them. What generation a claim carries follows the release too
 * (consumerRelease.ts).
 *
 * Static membership (group.instance.id, KIP-345; model.group.instance.ids): the consumer sends its
 * instance id with JoinGroup, SyncGroup, Heartbeat and OffsetCommit, and never sends LeaveGroup
 * (AbstractCoordinator.maybeLeaveGroup), so a stopped static member's partitions wait for its
 * session to expire. FENCED_INSTANCE_ID (another process took its instance id) is fatal:
 * FencedInstanceIdException; the modelled application exits ('fenced') and is not restarted.
 * So is INVALID_SESSION_TIMEOUT on JoinGroup (session.timeout.ms outside the broker's
 * group.min/max.session.timeout.ms): InvalidSessionTimeoutException, the application exits ('failed').
 * Workload events (workloadEvents.ts): close() (the last commit done, LeaveGroup, the process ends;
 * it may start again as a new member), subscribe() with other topics (the next poll() rejoins,
 * ConsumerCoordinator.rejoinNeededOrPending: joinedSubscription), and a metadata refresh every
 * metadata.max.age.ms when partitions can be added (the leader rejoins when a subscribed topic
 * gained partitions since it assigned: assignmentSnapshot vs metadataSnapshot; only the leader
 * watches, onJoinComplete). An assignment naming a topic the member does not subscribe to is not
 * applied: the member rejoins (checkAssignmentMatchedSubscription).
 *
 * Faults it models (group model, model.group.faults): crash (the process is gone; restart is a
 * new member), pause (SIGSTOP: the process, heartbeat thread included, stops and later wakes as a
 * zombie that still believes it owns its partitions), isolation and dropped connections.
 * The classic protocol fences a zombie's commits (UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION), never
 * its processing: it processes until a response tells it it is out.
 */
import { assert, assertNever } from '../kernel/assert.ts';
import type { AssignorInput } from '../assignors/types.ts';
import { brokerNode } from '../group/coordinator.ts';
import { GROUP_LIMITS } from '../group/limits.ts';
import { assignorNamed, rebalanceProtocolOf } from '../group/protocols.ts';
import type { GroupRpc, PartitionOffset, Subscription } from '../group/rpc.ts';
import { clearGroupTimersOf, hasGroupTimer, setGroupTimer } from '../group/timers.ts';
import { globalIndexOf, topicCounts, topicPartitionOf } from '../group/topics.ts';
import type { FencedOp, GroupModelState } from '../group/types.ts';
import { dropBetween, peersOnWire, sendOnWire } from '../group/wire.ts';
import type { BufferedRecord, CommitInFlight, ConsumerState, OwnedPartition } from './consumerTypes.ts';
import { applyPollPlan, hasFetchWork, initPosition, planPoll, pollRecordsMax, recordPosition } from './consumerFetch.ts';
import { retryBackoffMs } from './retryBackoff.ts';
import { claimGenerationAt, joinPrepareAfterResetAt } from './consumerRelease.ts';

export function consumerNode(index: number): string {
  return `consumer-${index}`;
}

export function createConsumer(index: number, group: string, subscription: readonly string[], metadataPartitions: number, groupInstanceId: string | null = null): ConsumerState {
  return {
    clientId: consumerNode(index),
    group,
    groupInstanceId,
    status: 'running',
    incarnation: 0,
    coordinator: -1,
    lookupBroker: 1,
    findRequestId: null,
    memberId: '',
    generation: -1,
    protocol: null,
    joinState: 'unjoined',
    joinRequestId: null,
    syncRequestId: null,
    rejoinNeeded: false,
    heartbeat: null,
    owned: [],
    ownedGeneration: -1,
    previousAssignment: [],
    needsJoinPrepare: true,
    pendingAssignment: null,
    offsetFetchRequestId: null,
    commit: null,
    commitRetry: null,
    prepareCommitDone: false,
    buffer: [],
    bufferCommitted: false,
    pollMs: 0,
    outstanding: [],
    requestNext: 1,
    subscription: subscription.slice(),
    joinedSubscription: null,
    metadataPartitions,
    assignmentSnapshot: null,
  };
}

export function consumerAt(state: GroupModelState, clientId: string): ConsumerState {
  const consumer = state.consumers.find((c) => c.clientId === clientId);
  assert(consumer !== undefined, `no consumer ${clientId}`);
  return consumer;
}

/** commit-before-process with auto-commit: records go to a worker; the loop keeps polling. */
export function isHandOff(state: GroupModelState): boolean {
  return state.config['model.group.processing'] === 'commit-before-process' && state.config['enable.auto.commit'];
}

function explicitCommitBeforeProcess(state: GroupModelState): boolean {
  return state.config['model.group.processing'] === 'commit-before-process' && !state.config['enable.auto.commit'];
}

/** The offset a commit would write for an owned partition: what was returned by poll, or processed. */
function commitTarget(state: GroupModelState, owned: OwnedPartition): number {
  return state.config['model.group.processing'] === 'commit-before-process' ? owned.position : owned.processedNext;
}

function commitDueOffsets(state: GroupModelState, c: ConsumerState): PartitionOffset[] {
  const offsets: PartitionOffset[] = [];
  for (const owned of c.owned) {
    if (owned.position < 0) continue;
    const target = commitTarget(state, owned);
    if (target > owned.committed) offsets.push({ partition: owned.partition, offset: target });
  }
  return offsets;
}

/** Whether the application is inside poll(): not processing a batch, not blocked in commitSync. */
export function inPoll(state: GroupModelState, c: ConsumerState): boolean {
  if (c.commitRetry !== null) return false;
  if (c.commit !== null && c.commit.kind === 'sync') return false;
  return isHandOff(state) || c.buffer.length === 0;
}

function hasGeneration(c: ConsumerState): boolean {
  return c.memberId !== '' && c.generation >= 0;
}

/** The group.instance.id field of a static member's requests (JoinGroup, SyncGroup, Heartbeat, OffsetCommit). */
function instanceField(c: ConsumerState): { groupInstanceId?: string } {
  return c.groupInstanceId === null ? {} : { groupInstanceId: c.groupInstanceId };
}

function nextRequestId(c: ConsumerState): string {
  return `${c.clientId}.${c.requestNext++}`;
}

function sendToBroker(state: GroupModelState, c: ConsumerState, broker: number, body: GroupRpc): void {
  if (body.type !== 'LeaveGroup') {
    assert(c.outstanding.length < GROUP_LIMITS.outstandingRequestsMax, `${c.clientId} has more than ${GROUP_LIMITS.outstandingRequestsMax} requests outstanding`);
    c.outstanding.push({ requestId: body.requestId, broker });
  }
  sendOnWire(state.wire, c.clientId, brokerNode(broker), body);
}

function sendToCoordinator(state: GroupModelState, c: ConsumerState, body: GroupRpc): void {
  assert(c.coordinator > 0, `${c.clientId} sends ${body.type} without a coordinator`);
  sendToBroker(state, c, c.coordinator, body);
}

/** Leaves the buffer: a commit-before-process batch whose commit failed is dropped and re-read later (a seek back). */
function abandonBuffer(state: GroupModelState, c: ConsumerState): void {
  for (const owned of c.owned) {
    if (owned.position !== owned.processedNext) recordPosition(state, c, owned.partition, owned.position, owned.processedNext, 'seek');
    owned.position = owned.processedNext;
  }
  c.buffer = [];
  c.bufferCommitted = false;
}

/**
 * Gives up owned partitions (revoked or lost). A hand-off application's rebalance listener waits
 * for its worker to finish the records it was handed of those partitions (their positions may
 * already be committed); a synchronous loop holds none here (it rebalances only inside poll()).
 */
function dropOwned(state: GroupModelState, c: ConsumerState, partitions: readonly number[]): void {
  if (partitions.length === 0) return;
  if (isHandOff(state)) processRecords(state, c, c.buffer.filter((r) => partitions.includes(r.partition)));
  c.owned = c.owned.filter((o) => !partitions.includes(o.partition));
  c.buffer = c.buffer.filter((r) => !partitions.includes(r.partition));
  if (c.buffer.length === 0) c.bufferCommitted = false;
}

function resetGeneration(c: ConsumerState, resetMemberId: boolean): void {
  if (resetMemberId) c.memberId = '';
  c.generation = -1;
  c.joinState = 'unjoined';
  c.joinRequestId = null;
  c.syncRequestId = null;
  c.rejoinNeeded = true;
}

function sendCommit(state: GroupModelState, c: ConsumerState, kind: CommitInFlight['kind'], purpose: CommitInFlight['purpose'], offsets: PartitionOffset[]): void {
  assert(c.commit === null, `${c.clientId} already has a commit in flight`);
  assert(offsets.length > 0, `${c.clientId} commits nothing`);
  const requestId = nextRequestId(c);
  c.commit = { requestId, kind, purpose, offsets, generation: c.generation, memberId: c.memberId };
  sendToCoordinator(state, c, { type: 'OffsetCommit', requestId, group: c.group, memberId: c.memberId, ...instanceField(c), generation: c.generation, offsets });
}

/** A commitSync that cannot be sent or failed for good (CommitFailedException). */
function commitFailed(state: GroupModelState, c: ConsumerState, purpose: CommitInFlight['purpose']): void {
  if (purpose === 'before-process') abandonBuffer(state, c);
  if (purpose === 'before-rejoin') c.prepareCommitDone = true;
}

/** The generation a cooperative member's claim carries, as its release sends it (consumerRelease.ts). */
function claimGeneration(state: GroupModelState, c: ConsumerState): number {
  switch (claimGenerationAt(state.config['model.kafka.version'])) {
    case 'none': return -1;
    case 'assigned': return c.ownedGeneration;
    case 'joined': return c.generation;
  }
}

function subscriptionOf(state: GroupModelState, c: ConsumerState): Subscription {
  if (rebalanceProtocolOf(state.config['partition.assignment.strategy'], state.assignors) === 'cooperative') {
    return { topics: c.subscription.slice(), ownedPartitions: c.owned.map((o) => o.partition), generation: claimGeneration(state, c), previousAssignment: [], generationId: c.generation };
  }
  return { topics: c.subscription.slice(), ownedPartitions: [], generation: c.previousAssignment.length > 0 ? c.ownedGeneration : -1, previousAssignment: c.previousAssignment.slice(), generationId: c.generation };
}

/** onJoinPrepare, then JoinGroup. */
function rejoin(state: GroupModelState, c: ConsumerState): void {
  // AbstractCoordinator.joinGroupIfNeeded: onJoinPrepare runs only while needsJoinPrepare; before
  // 3.0 a reset after it ran does not set it again (KAFKA-12983), and the member rejoins still
  // owning, and claiming, its partitions (consumerRelease.ts).
  const prepare = c.needsJoinPrepare || joinPrepareAfterResetAt(state.config['model.kafka.version']);
  c.needsJoinPrepare = false;
  if (!prepare) {
    // onJoinPrepare already ran for this rebalance: nothing is revoked or lost.
  } else if (!hasGeneration(c)) {
    // onPartitionsLost: not in the group any more; nothing is claimed.
    dropOwned(state, c, c.owned.map((o) => o.partition));
    c.previousAssignment = [];
    c.ownedGeneration = -1;
  } else if (rebalanceProtocolOf(state.config['partition.assignment.strategy'], state.assignors) === 'eager') {
    // onPartitionsRevoked(all): eager revokes everything before rejoining.
    dropOwned(state, c, c.owned.map((o) => o.partition));
  } else {
    // Cooperative: revoke only the partitions of topics no longer subscribed
    // (ConsumerCoordinator.onJoinPrepare, "only revoke those partitions that are not in the subscription anymore").
    dropOwned(state, c, c.owned.map((o) => o.partition).filter((p) => !c.subscription.includes(topicPartitionOf(state, p).topic)));
  }
  // ConsumerCoordinator.metadata(): the subscription this JoinGroup carries.
  c.joinedSubscription = c.subscription.slice();
  c.assignmentSnapshot = null;
  const requestId = nextRequestId(c);
  c.joinRequestId = requestId;
  c.syncRequestId = null;
  c.joinState = 'joining';
  c.prepareCommitDone = false;
  sendToCoordinator(state, c, {
    type: 'JoinGroup',
    requestId,
    group: c.group,
    memberId: c.memberId,
    ...instanceField(c),
    clientId: c.clientId,
    protocols: state.config['partition.assignment.strategy'].slice(),
    subscription: subscriptionOf(state, c),
    sessionTimeoutMs: state.config['session.timeout.ms'],
    rebalanceTimeoutMs: state.config['max.poll.interval.ms'],
  });
}

/** onJoinComplete: apply a SyncGroup assignment. */
function applyAssignment(state: GroupModelState, c: ConsumerState): void {
  const pending = c.pendingAssignment!;
  c.pendingAssignment = null;
  // joinGroupIfNeeded: the rebalance is complete (onJoinComplete); the next one runs onJoinPrepare again.
  c.needsJoinPrepare = true;
  const assigned = pending.partitions;
  // SubscriptionState.checkAssignmentMatchedSubscription: an assignment naming a topic this
  // consumer does not subscribe to (its subscription changed since the leader assigned, or a
  // replacement static process subscribes otherwise) is not applied; the consumer rejoins with
  // its current subscription (ConsumerCoordinator.onJoinComplete, requestRejoin).
  if (assigned.some((p) => !c.subscription.includes(state.topics.partitions[p]?.topic ?? c.subscription[0]))) {
    c.rejoinNeeded = true;
    return;
  }
  const revoked = c.owned.map((o) => o.partition).filter((p) => !assigned.includes(p));
  dropOwned(state, c, revoked);
  for (const partition of assigned) {
    if (c.owned.some((o) => o.partition === partition)) continue;
    c.owned.push({ partition, position: -1, processedNext: -1, committed: -1, stoppedBy: null });
  }
  c.owned.sort((a, b) => a.partition - b.partition);
  c.ownedGeneration = pending.generation;
  c.previousAssignment = assigned.slice();
  // Cooperative: having revoked something, rejoin so it can be given away ("need to revoke
  // partitions and re-join", ConsumerCoordinator.onJoinComplete). Eager revoked everything before.
  if (revoked.length > 0) c.rejoinNeeded = true;
}

/**
 * Everything the consumer does of its own accord once the state allows it: find the coordinator,
 * retry a commitSync, apply an assignment, commit before rejoining, rejoin, fetch committed
 * offsets, commit (explicit modes). Called after every step that touches the consumer.
 */
export function consumerProgress(state: GroupModelState, c: ConsumerState): void {
  if (c.status !== 'running') return;
  if (c.coordinator === -1) {
    // FindCoordinator goes to a bootstrap broker (AbstractCoordinator.lookupCoordinator:
    // client.leastLoadedNode()), not while a failed lookup backs off: ensureCoordinatorReady
    // sleeps retryBackoff.backoff(attempts++) after a retriable failure (COORDINATOR_NOT_AVAILABLE,
    // a disconnect). The backoff grows towards retry.backoff.max.ms since KIP-580; here it stays
    // retry.backoff.ms (the first step).
    if (c.findRequestId === null && !hasGroupTimer(state, 'coordinator-lookup', c.clientId, c.clientId)) {
      c.findRequestId = nextRequestId(c);
      sendToBroker(state, c, c.lookupBroker, { type: 'FindCoordinator', requestId: c.findRequestId, group: c.group });
    }
    return;
  }
  if (c.commitRetry !== null) {
    if (c.commit !== null) return;
    const purpose = c.commitRetry;
    c.commitRetry = null;
    const offsets = commitDueOffsets(state, c);
    if (!hasGeneration(c) || offsets.length === 0) commitFailed(state, c, purpose);
    else sendCommit(state, c, 'sync', purpose, offsets);
    if (c.commit !== null) return;
  }
  if (c.commit !== null && c.commit.kind === 'sync') return;
  if (c.pendingAssignment !== null && inPoll(state, c)) applyAssignment(state, c);
  if (c.joinState === 'stable' && c.pendingAssignment === null && !c.rejoinNeeded && inPoll(state, c) && rejoinDue(state, c)) c.rejoinNeeded = true;

  const wantsJoin = c.rejoinNeeded || c.joinState === 'unjoined';
  if (wantsJoin && (c.joinState === 'unjoined' || c.joinState === 'stable') && c.pendingAssignment === null && inPoll(state, c)) {
    if (c.commit !== null) return; // an auto-commit in flight: wait for it
    if (hasGeneration(c) && c.joinState === 'stable' && !c.prepareCommitDone) {
      const due = commitDueOffsets(state, c);
      if (due.length > 0) {
        sendCommit(state, c, 'sync', 'before-rejoin', due);
        return;
      }
    }
    rejoin(state, c);
    return;
  }

  if (c.joinState === 'stable' && hasGeneration(c) && c.pendingAssignment === null) {
    const unpositioned = c.owned.filter((o) => o.position === -1 && o.stoppedBy === null);
    if (c.offsetFetchRequestId === null && unpositioned.length > 0) {
      c.offsetFetchRequestId = nextRequestId(c);
      sendToCoordinator(state, c, { type: 'OffsetFetch', requestId: c.offsetFetchRequestId, group: c.group, partitions: unpositioned.map((o) => o.partition) });
    }
    if (!state.config['enable.auto.commit'] && c.commit === null) {
      const due = commitDueOffsets(state, c);
      if (explicitCommitBeforeProcess(state)) {
        if (c.buffer.length > 0 && !c.bufferCommitted) sendCommit(state, c, 'sync', 'before-process', due);
        else if (c.buffer.length === 0 && due.length > 0) sendCommit(state, c, 'sync', 'before-process', due);
      } else if (c.buffer.length === 0 && due.length > 0) {
        sendCommit(state, c, 'sync', 'after-process', due);
      }
    }
  } else if (explicitCommitBeforeProcess(state) && c.buffer.length > 0 && !c.bufferCommitted && c.commit === null) {
    // commitSync would throw (RebalanceInProgressException, CommitFailedException): seek back.
    abandonBuffer(state, c);
  }
}

/**
 * The leader runs the assignor named by the selected protocol (ConsumerCoordinator.onLeaderElected)
 * over the topics of its metadata, and remembers that metadata for the group's subscribed topics
 * (assignmentSnapshot): when a later refresh shows more partitions of one of them, it rejoins.
 */
function leaderAssignments(state: GroupModelState, c: ConsumerState, protocol: string, members: Extract<GroupRpc, { type: 'JoinGroupResponse' }>['members']): { memberId: string; partitions: number[] }[] {
  const rebalanceProtocol = rebalanceProtocolOf(state.config['partition.assignment.strategy'], state.assignors);
  const known = c.metadataPartitions;
  const groupTopics = [...new Set(members.flatMap((m) => m.subscription.topics))].sort();
  c.assignmentSnapshot = { partitions: known, topics: groupTopics };
  const input: AssignorInput = {
    topics: topicCounts(state, known).filter((t) => t.partitionCount > 0),
    members: members.map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId ?? null,
      topics: m.subscription.topics.slice(),
      ownedPartitions: (rebalanceProtocol === 'cooperative' ? m.subscription.ownedPartitions : m.subscription.previousAssignment).map((partition) => topicPartitionOf(state, partition)),
      generation: m.subscription.generation,
      rackId: null,
    })),
    protocol: rebalanceProtocol,
  };
  const output = assignorNamed(protocol, state.assignors).assign(input);
  return output.assignments.map(([memberId, partitions]) => ({ memberId, partitions: partitions.flatMap((tp) => wireIndexOf(state, tp, known)) }));
}

/**
 * The global index the leader sends for an assignor's (topic, partition). A partition its metadata
 * does not know is sent as its own number when there is one topic (global index and partition
 * number coincide), so that assignment-valid sees a broken assignor's unknown partition; with
 * several topics it has no global index and is dropped, as is a topic nobody knows.
 */
function wireIndexOf(state: GroupModelState, tp: { topic: string; partition: number }, known: number): number[] {
  const g = globalIndexOf(state, tp, known);
  if (g >= 0) return [g];
  return state.topics.names.length === 1 && tp.topic === state.topics.names[0] ? [tp.partition] : [];
}

/** A response delivered to consumer `c`. Responses to requests it no longer waits for are ignored. */
export function handleConsumerResponse(state: GroupModelState, c: ConsumerState, body: GroupRpc): void {
  const index = c.outstanding.findIndex((o) => o.requestId === body.requestId);
  if (index >= 0) c.outstanding.splice(index, 1);
  switch (body.type) {
    case 'FindCoordinatorResponse':
      if (body.requestId !== c.findRequestId) return;
      c.findRequestId = null;
      if (body.error === 'NONE') c.coordinator = body.coordinator;
      else lookupFailed(state, c);
      break;
    case 'JoinGroupResponse': {
      if (body.requestId !== c.joinRequestId) return;
      c.joinRequestId = null;
      switch (body.error) {
        case 'NONE': {
          c.memberId = body.memberId;
          c.generation = body.generation;
          c.protocol = body.protocol;
          assert(body.protocol !== null, 'a JoinGroup answered NONE selects a protocol');
          if (c.coordinator === -1) {
            // The coordinator was marked unknown meanwhile (another request failed): the SyncGroup
            // cannot be sent (coordinatorNotAvailable), so the member joins again once it is found.
            c.joinState = 'unjoined';
            break;
          }
          // KIP-814: a static leader back in a Stable group keeps the current assignment (onLeaderElected skips it).
          // Only the leader monitors metadata for partition changes (ConsumerCoordinator.onJoinComplete).
          c.assignmentSnapshot = null;
          const isLeader = body.leader === body.memberId;
          // A returning static leader that skips the assignment still takes its snapshot from the
          // metadata it has now (onLeaderElected, skipAssignment branch: assignmentSnapshot =
          // metadataSnapshot), so it watches for later changes but not for one made while it was away.
          if (isLeader && body.skipAssignment === true) c.assignmentSnapshot = { partitions: c.metadataPartitions, topics: [...new Set(body.members.flatMap((m) => m.subscription.topics))].sort() };
          const assignments = isLeader && body.skipAssignment !== true ? leaderAssignments(state, c, body.protocol, body.members) : [];
          c.syncRequestId = nextRequestId(c);
          c.joinState = 'syncing';
          sendToCoordinator(state, c, { type: 'SyncGroup', requestId: c.syncRequestId, group: c.group, memberId: c.memberId, ...instanceField(c), generation: c.generation, assignments });
          break;
        }
        case 'MEMBER_ID_REQUIRED':
          // KIP-394 (AbstractCoordinator.JoinGroupResponseHandler): keep the given member id, no
          // generation yet, and join again with it at once.
          c.memberId = body.memberId;
          c.generation = -1;
          c.joinState = 'unjoined';
          c.rejoinNeeded = true;
          break;
        case 'FENCED_INSTANCE_ID':
          // "for join-group request ... we always treat this as a fatal error".
          return fenceConsumer(state, c, 'JoinGroup');
        case 'INVALID_SESSION_TIMEOUT':
          // JoinGroupResponseHandler: "JoinGroup failed due to fatal error"; joinGroupIfNeeded throws
          // the non-retriable InvalidSessionTimeoutException from poll(). The application exits: its
          // session.timeout.ms would be refused again.
          return failConsumer(state, c);
        case 'UNKNOWN_MEMBER_ID':
          resetGeneration(c, true);
          break;
        case 'NOT_COORDINATOR':
        case 'COORDINATOR_NOT_AVAILABLE':
          c.coordinator = -1;
          c.joinState = 'unjoined';
          break;
        case 'INCONSISTENT_GROUP_PROTOCOL':
          assert(false, `${c.clientId}: INCONSISTENT_GROUP_PROTOCOL, but every consumer shares partition.assignment.strategy`);
          break;
        case 'ILLEGAL_GENERATION':
        case 'REBALANCE_IN_PROGRESS':
          c.joinState = 'unjoined';
          break;
        default:
          assertNever(body.error, 'JoinGroup error');
      }
      break;
    }
    case 'SyncGroupResponse': {
      if (body.requestId !== c.syncRequestId) return;
      c.syncRequestId = null;
      switch (body.error) {
        case 'NONE':
          // SyncGroupResponseHandler: the rebalance is done, rejoinNeeded = false (only here: a
          // requestRejoin while it ran is answered by it); onJoinComplete may ask again.
          c.joinState = 'stable';
          c.rejoinNeeded = false;
          c.pendingAssignment = { generation: c.generation, partitions: body.partitions.slice() };
          break;
        case 'REBALANCE_IN_PROGRESS':
          c.joinState = 'unjoined';
          break;
        case 'ILLEGAL_GENERATION':
          resetGeneration(c, false);
          break;
        case 'UNKNOWN_MEMBER_ID':
          resetGeneration(c, true);
          break;
        case 'NOT_COORDINATOR':
        case 'COORDINATOR_NOT_AVAILABLE':
          c.coordinator = -1;
          c.joinState = 'unjoined';
          break;
        case 'FENCED_INSTANCE_ID':
          // Fatal for SyncGroup too, whatever the generation (SyncGroupResponseHandler).
          return fenceConsumer(state, c, 'SyncGroup');
        case 'INCONSISTENT_GROUP_PROTOCOL':
        case 'MEMBER_ID_REQUIRED':
        case 'INVALID_SESSION_TIMEOUT':
          assert(false, `SyncGroup never answers ${body.error} here`);
          break;
        default:
          assertNever(body.error, 'SyncGroup error');
      }
      break;
    }
    case 'HeartbeatResponse': {
      const sent = c.heartbeat;
      if (sent === null || body.requestId !== sent.requestId) return;
      c.heartbeat = null;
      // Errors about a generation the consumer has already left behind are ignored (generationUnchanged()).
      const unchanged = sent.generation === c.generation && sent.memberId === c.memberId;
      switch (body.error) {
        case 'NONE':
          break;
        case 'REBALANCE_IN_PROGRESS':
          if (c.joinState === 'stable') c.rejoinNeeded = true;
          break;
        case 'ILLEGAL_GENERATION':
          if (unchanged) resetGeneration(c, false);
          break;
        case 'UNKNOWN_MEMBER_ID':
          if (unchanged) resetGeneration(c, true);
          break;
        case 'NOT_COORDINATOR':
        case 'COORDINATOR_NOT_AVAILABLE':
          c.coordinator = -1;
          retryHeartbeatSoon(state, c);
          break;
        case 'FENCED_INSTANCE_ID':
          // HeartbeatResponseHandler: fatal unless the generation changed meanwhile (then ignored);
          // the heartbeat thread fails and poll() throws FencedInstanceIdException.
          if (unchanged) return fenceConsumer(state, c, 'Heartbeat');
          break;
        case 'INCONSISTENT_GROUP_PROTOCOL':
        case 'MEMBER_ID_REQUIRED':
        case 'INVALID_SESSION_TIMEOUT':
          assert(false, `Heartbeat never answers ${body.error}`);
          break;
        default:
          assertNever(body.error, 'Heartbeat error');
      }
      break;
    }
    case 'LeaveGroupResponse':
      return;
    case 'OffsetCommitResponse': {
      const commit = c.commit;
      if (commit === null || body.requestId !== commit.requestId) return;
      c.commit = null;
      const unchanged = commit.generation === c.generation && commit.memberId === c.memberId;
      switch (body.error) {
        case 'NONE':
          for (const o of commit.offsets) {
            const owned = c.owned.find((x) => x.partition === o.partition);
            if (owned !== undefined) owned.committed = Math.max(owned.committed, o.offset);
          }
          if (commit.purpose === 'before-process' && c.buffer.length > 0) c.bufferCommitted = true;
          if (commit.purpose === 'before-rejoin') c.prepareCommitDone = true;
          break;
        case 'NOT_COORDINATOR':
        case 'COORDINATOR_NOT_AVAILABLE':
          // Retriable: commitSync retries with the coordinator found again; an async commit is dropped.
          c.coordinator = -1;
          if (commit.kind === 'sync') c.commitRetry = commit.purpose;
          break;
        case 'REBALANCE_IN_PROGRESS':
          c.rejoinNeeded = true;
          if (commit.kind === 'sync') commitFailed(state, c, commit.purpose);
          break;
        case 'ILLEGAL_GENERATION':
        case 'UNKNOWN_MEMBER_ID':
          if (unchanged) resetGeneration(c, body.error === 'UNKNOWN_MEMBER_ID');
          if (commit.kind === 'sync') commitFailed(state, c, commit.purpose);
          break;
        case 'FENCED_INSTANCE_ID':
          // OffsetCommitResponseHandler: fatal (FencedInstanceIdException) unless the generation
          // changed meanwhile, when the commit just fails.
          if (unchanged) return fenceConsumer(state, c, 'OffsetCommit');
          if (commit.kind === 'sync') commitFailed(state, c, commit.purpose);
          break;
        case 'INCONSISTENT_GROUP_PROTOCOL':
        case 'MEMBER_ID_REQUIRED':
        case 'INVALID_SESSION_TIMEOUT':
          assert(false, `OffsetCommit never answers ${body.error}`);
          break;
        default:
          assertNever(body.error, 'OffsetCommit error');
      }
      break;
    }
    case 'OffsetFetchResponse': {
      if (body.requestId !== c.offsetFetchRequestId) return;
      c.offsetFetchRequestId = null;
      if (body.error === 'NOT_COORDINATOR' || body.error === 'COORDINATOR_NOT_AVAILABLE') {
        c.coordinator = -1;
        break;
      }
      assert(body.error === 'NONE', `OffsetFetch answered ${body.error}`);
      for (const o of body.offsets) {
        const owned = c.owned.find((x) => x.partition === o.partition);
        if (owned === undefined || owned.position !== -1 || owned.stoppedBy !== null) continue;
        initPosition(state, c, owned, o.offset);
      }
      break;
    }
    case 'FindCoordinator':
    case 'JoinGroup':
    case 'SyncGroup':
    case 'Heartbeat':
    case 'LeaveGroup':
    case 'OffsetCommit':
    case 'OffsetFetch':
      assert(false, `${c.clientId} cannot handle ${body.type}`);
      break;
    default:
      assertNever(body, 'group message');
  }
  consumerProgress(state, c);
}

/** A FindCoordinator failed (retriable): look up again after retry.backoff.ms. */
function lookupFailed(state: GroupModelState, c: ConsumerState): void {
  setGroupTimer(state, 'coordinator-lookup', c.clientId, c.clientId, retryBackoffMs(state.config));
}

/** A failed heartbeat is retried after retry.backoff.ms, not a whole interval (Heartbeat.failHeartbeat). */
function retryHeartbeatSoon(state: GroupModelState, c: ConsumerState): void {
  setGroupTimer(state, 'heartbeat', c.clientId, c.clientId, Math.min(retryBackoffMs(state.config), state.config['heartbeat.interval.ms']));
}

/** The connection between `c` and `peer` dropped: what it waited for from there is gone. */
export function onConsumerDisconnect(state: GroupModelState, c: ConsumerState, peer: string): void {
  if (c.status === 'crashed') return;
  // Every request sent to that broker failed (DisconnectException, retriable).
  const failed = c.outstanding.filter((o) => brokerNode(o.broker) === peer).map((o) => o.requestId);
  c.outstanding = c.outstanding.filter((o) => brokerNode(o.broker) !== peer);
  if (c.coordinator > 0 && peer === brokerNode(c.coordinator)) c.coordinator = -1; // markCoordinatorUnknown
  if (c.findRequestId !== null && failed.includes(c.findRequestId)) {
    c.findRequestId = null;
    // The node is in reconnect backoff: the next lookup goes to the next bootstrap broker.
    c.lookupBroker = (c.lookupBroker % state.brokerCount) + 1;
    lookupFailed(state, c);
  }
  if ((c.joinRequestId !== null && failed.includes(c.joinRequestId)) || (c.syncRequestId !== null && failed.includes(c.syncRequestId))) {
    c.joinRequestId = null;
    c.syncRequestId = null;
    c.joinState = 'unjoined';
  }
  if (c.heartbeat !== null && failed.includes(c.heartbeat.requestId)) {
    c.heartbeat = null;
    retryHeartbeatSoon(state, c);
  }
  if (c.offsetFetchRequestId !== null && failed.includes(c.offsetFetchRequestId)) c.offsetFetchRequestId = null;
  if (c.commit !== null && failed.includes(c.commit.requestId)) {
    if (c.commit.kind === 'sync') c.commitRetry = c.commit.purpose;
    c.commit = null;
  }
  if (c.status === 'running') consumerProgress(state, c);
}

/** True when a poll() would return records now. */
export function canPoll(state: GroupModelState, c: ConsumerState): boolean {
  if (c.status !== 'running' || c.pendingAssignment !== null || !inPoll(state, c)) return false;
  if (isHandOff(state)) {
    // The loop polls while the hand-off queue has room for a whole poll's worth of records.
    if (c.buffer.length + pollRecordsMax(state) > GROUP_LIMITS.bufferRecordsMax) return false;
  } else if (c.buffer.length > 0) {
    return false;
  }
  // An at-most-once loop polls only when it can commit before processing.
  if (explicitCommitBeforeProcess(state) && (c.joinState !== 'stable' || !hasGeneration(c) || c.commit !== null)) return false;
  for (const owned of c.owned) if (hasFetchWork(state, owned)) return true;
  return false;
}

/** poll(): up to max.poll.records records from the owned partitions, in partition order (consumerFetch.ts). */
export function pollConsumer(state: GroupModelState, c: ConsumerState): void {
  assert(canPoll(state, c), `${c.clientId} cannot poll now`);
  applyPollPlan(state, c, planPoll(state, c));
  assert(c.buffer.length <= GROUP_LIMITS.bufferRecordsMax, `${c.clientId} holds more than ${GROUP_LIMITS.bufferRecordsMax} unprocessed records`);
  c.pollMs = state.nowMs;
  consumerProgress(state, c);
}

/** True when the application (or its worker) can process its buffered records now. */
export function canProcess(state: GroupModelState, c: ConsumerState): boolean {
  if (c.status !== 'running' || c.buffer.length === 0) return false;
  return !explicitCommitBeforeProcess(state) || c.bufferCommitted;
}

/**
 * True when a processable batch holds virtual time still: a synchronous loop processes a batch
 * well within max.poll.interval.ms (a slower consumer is the pause fault). The hand-off worker's
 * pace is arbitrary.
 */
export function holdsTime(state: GroupModelState, c: ConsumerState): boolean {
  return !isHandOff(state) && canProcess(state, c);
}

/** Processes `records` (from the buffer, in order) and records each in the history. */
function processRecords(state: GroupModelState, c: ConsumerState, records: readonly BufferedRecord[]): void {
  assert(state.history.length + records.length <= GROUP_LIMITS.historyOpsMax, `history exceeds ${GROUP_LIMITS.historyOpsMax} operations`);
  const group = state.coordinator.groups.find((g) => g.groupId === c.group);
  const member = group?.members.find((m) => m.memberId === c.memberId);
  for (const record of records) {
    const owned = c.owned.find((o) => o.partition === record.partition);
    assert(owned !== undefined, `${c.clientId} processes p${record.partition}, which it does not own`);
    // Offsets only jump forward, where auto.offset.reset moved the position past records retention deleted.
    assert(record.offset >= owned.processedNext, `${c.clientId} processes p${record.partition} offset ${record.offset} out of order (next ${owned.processedNext})`);
    owned.processedNext = record.offset + 1;
    state.history.push({
      type: 'process',
      group: c.group,
      consumer: c.clientId,
      incarnation: c.incarnation,
      memberId: c.memberId,
      generation: c.generation,
      partition: record.partition,
      offset: record.offset,
      timeMs: state.nowMs,
      step: state.stepCount,
      ownedInGeneration: group !== undefined && member !== undefined && group.generation === c.generation && member.assignment.includes(record.partition),
    });
  }
}

/** Processes every buffered record, in order. */
export function processConsumer(state: GroupModelState, c: ConsumerState): void {
  assert(canProcess(state, c), `${c.clientId} has nothing it may process`);
  processRecords(state, c, c.buffer);
  c.buffer = [];
  // A hand-off queue may have held records of a partition whose position an out-of-range reset
  // then moved past records retention deleted (consumerFetch.ts): with the queue drained, the
  // worker is done up to that position.
  for (const owned of c.owned) if (owned.position > owned.processedNext) owned.processedNext = owned.position;
  c.bufferCommitted = false;
  c.pollMs = state.nowMs;
  consumerProgress(state, c);
}

/** The consumer's timers: heartbeat (with the poll-timeout check), auto-commit, the lookup backoff, metadata refresh. */
export function onConsumerTimer(state: GroupModelState, c: ConsumerState, kind: 'heartbeat' | 'auto-commit' | 'coordinator-lookup' | 'metadata'): void {
  assert(c.status === 'running', `${c.clientId} timer fires while ${c.status}`);
  if (kind === 'coordinator-lookup') {
    // The backoff is over: consumerProgress sends the next FindCoordinator.
  } else if (kind === 'metadata') {
    setGroupTimer(state, 'metadata', c.clientId, c.clientId, state.config['metadata.max.age.ms']);
    c.metadataPartitions = state.partitionCount;
  } else if (kind === 'heartbeat') {
    setGroupTimer(state, 'heartbeat', c.clientId, c.clientId, state.config['heartbeat.interval.ms']);
    // The heartbeat thread leaves the group when poll() has not been called for max.poll.interval.ms.
    // A static member sends no LeaveGroup (AbstractCoordinator.maybeLeaveGroup: "only dynamic members
    // will send LeaveGroupRequest"): its partitions wait for its session to expire.
    if (!inPoll(state, c) && state.nowMs - c.pollMs > state.config['max.poll.interval.ms'] && c.memberId !== '' && c.coordinator > 0) {
      if (c.groupInstanceId === null) sendToCoordinator(state, c, { type: 'LeaveGroup', requestId: nextRequestId(c), group: c.group, memberId: c.memberId });
      resetGeneration(c, true);
    } else if (c.coordinator > 0 && c.heartbeat === null && hasGeneration(c) && (c.joinState === 'stable' || c.joinState === 'syncing')) {
      const requestId = nextRequestId(c);
      c.heartbeat = { requestId, generation: c.generation, memberId: c.memberId };
      sendToCoordinator(state, c, { type: 'Heartbeat', requestId, group: c.group, memberId: c.memberId, ...instanceField(c), generation: c.generation });
    }
  } else {
    setGroupTimer(state, 'auto-commit', c.clientId, c.clientId, state.config['auto.commit.interval.ms']);
    if (c.coordinator > 0 && c.commit === null && c.commitRetry === null && hasGeneration(c) && c.joinState === 'stable') {
      const due = commitDueOffsets(state, c);
      if (due.length > 0) sendCommit(state, c, 'auto', 'auto', due);
    }
  }
  consumerProgress(state, c);
}

/** Starts the consumer's periodic timers (a new process). */
export function startConsumer(state: GroupModelState, c: ConsumerState): void {
  c.pollMs = state.nowMs;
  setGroupTimer(state, 'heartbeat', c.clientId, c.clientId, state.config['heartbeat.interval.ms']);
  if (state.config['enable.auto.commit']) setGroupTimer(state, 'auto-commit', c.clientId, c.clientId, state.config['auto.commit.interval.ms']);
  // A new process fetches metadata first; it refreshes it periodically only when partitions can be added.
  c.metadataPartitions = state.partitionCount;
  if (state.config['model.group.partitions.added.max'] > 0) setGroupTimer(state, 'metadata', c.clientId, c.clientId, state.config['metadata.max.age.ms']);
  consumerProgress(state, c);
}

/** The process dies: everything in memory is gone (the caller drops its connections). */
export function crashConsumer(state: GroupModelState, c: ConsumerState): void {
  assert(c.status !== 'crashed', `${c.clientId} is already crashed`);
  assert(state.history.length < GROUP_LIMITS.historyOpsMax, `history exceeds ${GROUP_LIMITS.historyOpsMax} operations`);
  state.history.push({
    type: 'crash',
    consumer: c.clientId,
    group: c.group,
    incarnation: c.incarnation,
    timeMs: state.nowMs,
    step: state.stepCount,
    unprocessed: c.buffer.map((r) => ({ partition: r.partition, offset: r.offset })),
    partitions: c.owned.filter((o) => o.position >= 0).map((o) => ({ partition: o.partition, processedNext: o.processedNext, committed: o.committed })),
  });
  endProcess(state, c, 'crashed');
}

/** The process is gone: only its identity, its subscription and its id counters survive. */
function endProcess(state: GroupModelState, c: ConsumerState, status: 'crashed' | 'closed' | 'fenced' | 'failed'): void {
  const fresh = createConsumer(Number(c.clientId.slice('consumer-'.length)), c.group, c.subscription, c.metadataPartitions, c.groupInstanceId);
  Object.assign(c, { ...fresh, status, incarnation: c.incarnation, requestNext: c.requestNext, outstanding: [] });
  clearGroupTimersOf(state, c.clientId);
}

/**
 * A fatal error from poll() other than fencing (InvalidSessionTimeoutException): the modelled
 * application exits and is not restarted; its connections close. The coordinator never added it,
 * so it owns nothing and has nothing to commit.
 */
function failConsumer(state: GroupModelState, c: ConsumerState): void {
  endProcess(state, c, 'failed');
  for (const peer of peersOnWire(state.wire, c.clientId)) dropBetween(state.wire, c.clientId, peer);
}

/**
 * FENCED_INSTANCE_ID (KIP-345): another process joined with this consumer's group.instance.id.
 * The Java consumer throws FencedInstanceIdException from poll(), a fatal error; the modelled
 * application exits and is not restarted (a second process with that id already runs). Recorded
 * in the history; its connections close.
 */
function fenceConsumer(state: GroupModelState, c: ConsumerState, request: FencedOp['request']): void {
  assert(c.groupInstanceId !== null, `${c.clientId} is a dynamic member and cannot be fenced by instance id`);
  assert(state.history.length < GROUP_LIMITS.historyOpsMax, `history exceeds ${GROUP_LIMITS.historyOpsMax} operations`);
  state.history.push({
    type: 'fenced',
    consumer: c.clientId,
    group: c.group,
    incarnation: c.incarnation,
    groupInstanceId: c.groupInstanceId,
    memberId: c.memberId,
    request,
    timeMs: state.nowMs,
    step: state.stepCount,
    owned: c.owned.map((o) => o.partition),
  });
  endProcess(state, c, 'fenced');
  for (const peer of peersOnWire(state.wire, c.clientId)) dropBetween(state.wire, c.clientId, peer);
}

/**
 * Whether the workload closes the consumer now: it is a stable member (the storm is of members
 * leaving, not of processes that never joined), between polls with nothing fetched left to
 * process, and everything it consumed is committed. That last condition stands for
 * KafkaConsumer.close()'s own commit (ConsumerCoordinator.close: maybeAutoCommitOffsetsSync; an
 * explicit-commit application's last commitSync) having succeeded; a close whose commit fails is
 * not modelled.
 */
export function canClose(state: GroupModelState, c: ConsumerState): boolean {
  if (c.status !== 'running' || c.buffer.length > 0 || c.commit !== null || c.commitRetry !== null || c.pendingAssignment !== null) return false;
  if (!hasGeneration(c) || c.joinState !== 'stable' || c.coordinator <= 0 || !inPoll(state, c)) return false;
  return commitDueOffsets(state, c).length === 0;
}

/**
 * KafkaConsumer.close(): the consumer leaves the group (AbstractCoordinator.maybeLeaveGroup sends
 * LeaveGroup when it has a member id) and the process ends. Messages already on the wire are still
 * delivered; responses to the closed process are discarded.
 */
export function closeConsumer(state: GroupModelState, c: ConsumerState): void {
  assert(canClose(state, c), `${c.clientId} cannot close now`);
  // A static member sends no LeaveGroup on close either (maybeLeaveGroup: only dynamic members do).
  if (c.groupInstanceId === null && c.memberId !== '' && c.coordinator > 0) sendToCoordinator(state, c, { type: 'LeaveGroup', requestId: nextRequestId(c), group: c.group, memberId: c.memberId });
  endProcess(state, c, 'closed');
}

/** A closed consumer's application starts again: a new process, a new member. */
export function startClosedConsumer(state: GroupModelState, c: ConsumerState): void {
  assert(c.status === 'closed', `${c.clientId} is ${c.status}, not closed`);
  c.status = 'running';
  c.incarnation++;
  startConsumer(state, c);
}

/**
 * Whether the consumer must rejoin although no error asked it to (ConsumerCoordinator.
 * rejoinNeededOrPending): its subscription changed since its last JoinGroup, or, as leader, its
 * metadata now shows more partitions of a topic the group subscribes to than when it assigned.
 */
/** a.join(',') === b.join(','), without building the strings when the lists are equal item by item. */
function sameTopics(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === b.length) {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (i === a.length) return true;
  }
  return a.join(',') === b.join(',');
}

export function rejoinDue(state: GroupModelState, c: ConsumerState): boolean {
  if (c.joinedSubscription !== null && !sameTopics(c.joinedSubscription, c.subscription)) return true;
  const snapshot = c.assignmentSnapshot;
  if (snapshot === null) return false;
  for (let g = snapshot.partitions; g < c.metadataPartitions; g++) if (snapshot.topics.includes(topicPartitionOf(state, g).topic)) return true;
  return false;
}

/**
 * subscribe(topics) with another set of topics: SubscriptionState changes at once, the metadata
 * for new topics is fetched (Metadata.requestUpdateForNewTopics), and the next poll() rejoins.
 */
export function subscribeConsumer(state: GroupModelState, c: ConsumerState, topics: readonly string[]): void {
  assert(c.status === 'running', `${c.clientId} subscribes while ${c.status}`);
  c.subscription = topics.slice().sort();
  c.metadataPartitions = state.partitionCount;
  consumerProgress(state, c);
}

export function restartConsumer(state: GroupModelState, c: ConsumerState): void {
  assert(c.status === 'crashed', `${c.clientId} is ${c.status}, not crashed`);
  c.status = 'running';
  c.incarnation++;
  startConsumer(state, c);
}
