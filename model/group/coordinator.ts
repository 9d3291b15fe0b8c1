/**
 * The group coordinator, classic protocol (Kafka:group-coordinator/src/main/java/org/apache/
 * kafka/coordinator/group/GroupMetadataManager.java and classic/ClassicGroup.java; before 3.6
 * core/src/main/scala/kafka/coordinator/group/GroupCoordinator.scala):
 *
 * - JoinGroup: a new member (empty member id) gets an id and triggers a rebalance; a known member
 *   rejoins. The join phase (PreparingRebalance) ends when every member has rejoined, or when the
 *   rebalance timeout (the largest max.poll.interval.ms of the members) fires, which evicts those
 *   that did not. An empty group's first join phase waits group.initial.rebalance.delay.ms.
 * - Completing the join bumps the generation, selects the protocol every member supports by vote
 *   (ClassicGroup.selectProtocol), keeps the leader if it rejoined (else the first member), and
 *   answers every JoinGroup; the leader's answer lists all members and their subscriptions.
 * - SyncGroup: the leader's assignment is written to __consumer_offsets, then every member gets its
 *   partitions and the group is Stable. A rebalance that starts first answers pending SyncGroups
 *   with REBALANCE_IN_PROGRESS.
 * - Heartbeat keeps a member's session (session.timeout.ms); a member waiting in a JoinGroup or
 *   SyncGroup is kept alive (MemberMetadata.shouldKeepAlive). A member whose session expires, or
 *   that sends LeaveGroup, is removed, which starts a rebalance.
 * - Fencing: a request from a member the group does not know gets UNKNOWN_MEMBER_ID; one with
 *   another generation gets ILLEGAL_GENERATION (validateClassicGroupHeartbeat, validateSyncGroup,
 *   ClassicGroup.validateOffsetCommit, which also answers REBALANCE_IN_PROGRESS while the group
 *   is CompletingRebalance and accepts commits of the current generation while it is
 *   PreparingRebalance).
 *
 * Simplifications, each deliberate:
 * - New members join without the MEMBER_ID_REQUIRED round trip (KIP-394): the first JoinGroup
 *   returns the member id with the join result, as JoinGroup v3 and earlier do.
 * - No SyncGroup timeout (KAFKA-12890): members that never sync are removed by their session.
 * - `__consumer_offsets` is not replicated here: a write the coordinator makes (group metadata,
 *   an offset commit) is durable at once, as with acks=all and a healthy ISR. A coordinator
 *   failover (`failover`) moves the coordinator to another broker, which rebuilds every group from
 *   that log (GroupMetadataManager: a group with members comes back Stable, one without Empty,
 *   and every member's session starts afresh), while the old coordinator answers what it held,
 *   and everything sent to it later, with NOT_COORDINATOR. Rebalances in progress are lost with
 *   the old coordinator's memory, as in Kafka.
 * - All groups share one coordinator (Kafka spreads them over __consumer_offsets partitions).
 */
import { assert } from '../kernel/assert.ts';
import { GROUP_LIMITS } from './limits.ts';
import type { GroupError, GroupRpc, Subscription } from './rpc.ts';
import { clearGroupTimer, clearGroupTimersOf, setGroupTimer } from './timers.ts';
import type { AssignmentRecord, ClassicGroup, GroupMember, GroupModelState, HeldRequest, PersistedGroup } from './types.ts';
import { sendOnWire } from './wire.ts';
import { rebalanceProtocolOf } from './protocols.ts';

export function brokerNode(brokerId: number): string {
  return `broker-${brokerId}`;
}

/** The bootstrap broker clients send FindCoordinator to (every broker knows the coordinator). */
export const BOOTSTRAP_BROKER = 1;

function respond(state: GroupModelState, brokerId: number, to: string, body: GroupRpc): void {
  sendOnWire(state.wire, brokerNode(brokerId), to, body);
}

export function groupAt(state: GroupModelState, groupId: string): ClassicGroup {
  const group = state.coordinator.groups.find((g) => g.groupId === groupId);
  assert(group !== undefined, `the coordinator has no group ${groupId}`);
  return group;
}

function memberOf(group: ClassicGroup, memberId: string): GroupMember | undefined {
  return group.members.find((m) => m.memberId === memberId);
}

function committedOf(state: GroupModelState, groupId: string): number[] {
  const entry = state.store.committed.find((c) => c.groupId === groupId);
  assert(entry !== undefined, `no committed offsets for ${groupId}`);
  return entry.offsets;
}

function sessionTarget(group: ClassicGroup, memberId: string): string {
  return `${group.groupId}/${memberId}`;
}

function scheduleSession(state: GroupModelState, group: ClassicGroup, member: GroupMember): void {
  setGroupTimer(state, 'session', brokerNode(state.coordinator.broker), sessionTarget(group, member.memberId), member.sessionTimeoutMs);
}

function subscriptionsEqual(a: Subscription, b: Subscription): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function joinResponse(state: GroupModelState, group: ClassicGroup, member: GroupMember): GroupRpc {
  assert(member.awaitingJoin !== null, `member ${member.memberId} has no JoinGroup to answer`);
  const isLeader = group.leader === member.memberId;
  return {
    type: 'JoinGroupResponse',
    requestId: member.awaitingJoin.requestId,
    group: group.groupId,
    error: 'NONE',
    generation: group.generation,
    protocol: group.protocol,
    leader: group.leader ?? '',
    memberId: member.memberId,
    members: isLeader ? group.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, subscription: m.subscription })) : [],
  };
}

function errorResponse(body: Exclude<GroupRpc, { type: `${string}Response` }>, error: GroupError): GroupRpc {
  switch (body.type) {
    case 'FindCoordinator': throw new Error('FindCoordinator never fails here');
    case 'JoinGroup': return { type: 'JoinGroupResponse', requestId: body.requestId, group: body.group, error, generation: -1, protocol: null, leader: '', memberId: body.memberId, members: [] };
    case 'SyncGroup': return { type: 'SyncGroupResponse', requestId: body.requestId, group: body.group, error, partitions: [] };
    case 'Heartbeat': return { type: 'HeartbeatResponse', requestId: body.requestId, group: body.group, error };
    case 'LeaveGroup': return { type: 'LeaveGroupResponse', requestId: body.requestId, group: body.group, error };
    case 'OffsetCommit': return { type: 'OffsetCommitResponse', requestId: body.requestId, group: body.group, error };
    case 'OffsetFetch': return { type: 'OffsetFetchResponse', requestId: body.requestId, group: body.group, error, offsets: [] };
  }
}

/** The group's metadata as written to __consumer_offsets. */
function persistGroup(state: GroupModelState, group: ClassicGroup): void {
  const persisted: PersistedGroup = {
    groupId: group.groupId,
    generation: group.generation,
    protocol: group.protocol,
    leader: group.leader,
    members: group.members.map((m) => ({
      memberId: m.memberId,
      clientId: m.clientId,
      protocols: m.protocols.slice(),
      subscription: { ...m.subscription, topics: m.subscription.topics.slice(), ownedPartitions: m.subscription.ownedPartitions.slice(), previousAssignment: m.subscription.previousAssignment.slice() },
      sessionTimeoutMs: m.sessionTimeoutMs,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs,
      assignment: m.assignment.slice(),
    })),
  };
  const index = state.store.groups.findIndex((g) => g.groupId === group.groupId);
  assert(index >= 0, `no persisted slot for ${group.groupId}`);
  state.store.groups[index] = persisted;
}

/** ClassicGroup.selectProtocol: among protocols every member supports, the one most members prefer. */
export function selectProtocol(members: readonly Pick<GroupMember, 'protocols'>[]): string {
  assert(members.length > 0, 'cannot select a protocol for an empty group');
  const candidates = members[0].protocols.filter((name) => members.every((m) => m.protocols.includes(name)));
  assert(candidates.length > 0, 'no protocol is supported by every member (JoinGroup should have been refused)');
  const votes = new Map<string, number>();
  for (const member of members) {
    const vote = member.protocols.find((name) => candidates.includes(name))!;
    votes.set(vote, (votes.get(vote) ?? 0) + 1);
  }
  // Most votes; a tie goes to the name that sorts first (Java's winner depends on HashMap order).
  let best = '';
  let bestVotes = -1;
  for (const name of [...votes.keys()].sort()) {
    if (votes.get(name)! > bestVotes) {
      best = name;
      bestVotes = votes.get(name)!;
    }
  }
  return best;
}

function supportsProtocols(group: ClassicGroup, protocols: readonly string[]): boolean {
  if (group.members.length === 0) return protocols.length > 0;
  return protocols.some((name) => group.members.every((m) => m.protocols.includes(name)));
}

function rebalanceTimeoutMs(group: ClassicGroup): number {
  let longest = 0;
  for (const member of group.members) longest = Math.max(longest, member.rebalanceTimeoutMs);
  return longest;
}

/** GroupMetadataManager.prepareRebalance. */
function prepareRebalance(state: GroupModelState, group: ClassicGroup): void {
  const node = brokerNode(state.coordinator.broker);
  if (group.state === 'CompletingRebalance') {
    // resetAndPropagateAssignmentWithError: pending SyncGroups learn the rebalance restarted.
    for (const member of group.members) {
      if (member.awaitingSync === null) continue;
      respond(state, state.coordinator.broker, member.awaitingSync.from, { type: 'SyncGroupResponse', requestId: member.awaitingSync.requestId, group: group.groupId, error: 'REBALANCE_IN_PROGRESS', partitions: [] });
      member.awaitingSync = null;
    }
  }
  const wasEmpty = group.state === 'Empty';
  group.state = 'PreparingRebalance';
  const initialDelayMs = state.config['group.initial.rebalance.delay.ms'];
  if (wasEmpty && initialDelayMs > 0) {
    group.initialDelayPending = true;
    setGroupTimer(state, 'initial-rebalance', node, group.groupId, Math.min(initialDelayMs, rebalanceTimeoutMs(group)));
  } else {
    setGroupTimer(state, 'rebalance', node, group.groupId, rebalanceTimeoutMs(group));
  }
  maybeCompleteJoin(state, group);
}

function maybeCompleteJoin(state: GroupModelState, group: ClassicGroup): void {
  if (group.state !== 'PreparingRebalance' || group.initialDelayPending) return;
  if (group.members.every((m) => m.awaitingJoin !== null)) completeJoin(state, group);
}

function removeMemberRecord(state: GroupModelState, group: ClassicGroup, member: GroupMember): void {
  group.members.splice(group.members.indexOf(member), 1);
  clearGroupTimer(state, 'session', brokerNode(state.coordinator.broker), sessionTarget(group, member.memberId));
  if (group.leader === member.memberId) group.leader = group.members.length > 0 ? group.members[0].memberId : null;
}

/** The end of the join phase (GroupMetadataManager.completeClassicGroupJoin). */
function completeJoin(state: GroupModelState, group: ClassicGroup): void {
  assert(group.state === 'PreparingRebalance', `${group.groupId}: join completes only while PreparingRebalance (is ${group.state})`);
  const node = brokerNode(state.coordinator.broker);
  clearGroupTimer(state, 'rebalance', node, group.groupId);
  clearGroupTimer(state, 'initial-rebalance', node, group.groupId);
  group.initialDelayPending = false;
  // Members that did not rejoin within the rebalance timeout are evicted.
  for (const member of group.members.slice()) if (member.awaitingJoin === null) removeMemberRecord(state, group, member);
  group.generation++;
  if (group.members.length === 0) {
    group.state = 'Empty';
    group.protocol = null;
    group.leader = null;
    persistGroup(state, group);
    return;
  }
  group.protocol = selectProtocol(group.members);
  if (group.leader === null || memberOf(group, group.leader) === undefined) group.leader = group.members[0].memberId;
  group.state = 'CompletingRebalance';
  for (const member of group.members) {
    respond(state, state.coordinator.broker, member.awaitingJoin!.from, joinResponse(state, group, member));
    member.awaitingJoin = null;
    member.assignment = [];
    scheduleSession(state, group, member);
  }
}

/** A member leaves (LeaveGroup) or its session expires. */
function removeMember(state: GroupModelState, group: ClassicGroup, member: GroupMember): void {
  removeMemberRecord(state, group, member);
  switch (group.state) {
    case 'Stable':
    case 'CompletingRebalance':
      prepareRebalance(state, group);
      return;
    case 'PreparingRebalance':
      maybeCompleteJoin(state, group);
      // The last member gone: nothing left to wait for.
      if (group.state === 'PreparingRebalance' && group.members.length === 0) completeJoin(state, group);
      return;
    case 'Empty':
      return;
  }
}

function handleJoin(state: GroupModelState, group: ClassicGroup, from: string, body: Extract<GroupRpc, { type: 'JoinGroup' }>): void {
  const held: HeldRequest = { requestId: body.requestId, from };
  if (!supportsProtocols(group, body.protocols)) {
    respond(state, state.coordinator.broker, from, errorResponse(body, 'INCONSISTENT_GROUP_PROTOCOL'));
    return;
  }
  if (body.memberId === '') {
    assert(group.members.length < GROUP_LIMITS.groupMembersMax, `${group.groupId} exceeds ${GROUP_LIMITS.groupMembersMax} members`);
    const member: GroupMember = {
      memberId: `${body.clientId}-${state.memberIdNext++}`,
      clientId: body.clientId,
      protocols: body.protocols.slice(),
      subscription: body.subscription,
      sessionTimeoutMs: body.sessionTimeoutMs,
      rebalanceTimeoutMs: body.rebalanceTimeoutMs,
      awaitingJoin: held,
      awaitingSync: null,
      assignment: [],
    };
    group.members.push(member);
    scheduleSession(state, group, member);
    if (group.state === 'PreparingRebalance') maybeCompleteJoin(state, group);
    else prepareRebalance(state, group);
    return;
  }
  const member = memberOf(group, body.memberId);
  if (member === undefined) {
    respond(state, state.coordinator.broker, from, errorResponse(body, 'UNKNOWN_MEMBER_ID'));
    return;
  }
  const matches = JSON.stringify(member.protocols) === JSON.stringify(body.protocols) && subscriptionsEqual(member.subscription, body.subscription);
  const update = (): void => {
    member.protocols = body.protocols.slice();
    member.subscription = body.subscription;
    member.sessionTimeoutMs = body.sessionTimeoutMs;
    member.rebalanceTimeoutMs = body.rebalanceTimeoutMs;
    member.awaitingJoin = held;
  };
  switch (group.state) {
    case 'PreparingRebalance':
      update();
      maybeCompleteJoin(state, group);
      return;
    case 'CompletingRebalance':
      if (matches) {
        // The member lost the JoinGroup answer: answer again with the current generation.
        member.awaitingJoin = held;
        respond(state, state.coordinator.broker, from, joinResponse(state, group, member));
        member.awaitingJoin = null;
        return;
      }
      update();
      prepareRebalance(state, group);
      return;
    case 'Stable':
      if (group.leader === member.memberId || !matches) {
        update();
        prepareRebalance(state, group);
        return;
      }
      member.awaitingJoin = held;
      respond(state, state.coordinator.broker, from, joinResponse(state, group, member));
      member.awaitingJoin = null;
      return;
    case 'Empty':
      respond(state, state.coordinator.broker, from, errorResponse(body, 'UNKNOWN_MEMBER_ID'));
      return;
  }
}

function handleSync(state: GroupModelState, group: ClassicGroup, from: string, body: Extract<GroupRpc, { type: 'SyncGroup' }>): void {
  const member = memberOf(group, body.memberId);
  if (member === undefined || group.state === 'Empty') return respond(state, state.coordinator.broker, from, errorResponse(body, 'UNKNOWN_MEMBER_ID'));
  if (body.generation !== group.generation) return respond(state, state.coordinator.broker, from, errorResponse(body, 'ILLEGAL_GENERATION'));
  switch (group.state) {
    case 'PreparingRebalance':
      return respond(state, state.coordinator.broker, from, errorResponse(body, 'REBALANCE_IN_PROGRESS'));
    case 'Stable':
      return respond(state, state.coordinator.broker, from, { type: 'SyncGroupResponse', requestId: body.requestId, group: group.groupId, error: 'NONE', partitions: member.assignment.slice() });
    case 'CompletingRebalance': {
      member.awaitingSync = { requestId: body.requestId, from };
      scheduleSession(state, group, member);
      if (group.leader !== member.memberId) return;
      recordAssignment(state, group, body.assignments);
      // Assignments for members the group does not know are ignored, as Kafka does.
      for (const m of group.members) m.assignment = (body.assignments.find((a) => a.memberId === m.memberId)?.partitions ?? []).slice().sort((a, b) => a - b);
      persistGroup(state, group);
      group.state = 'Stable';
      for (const m of group.members) {
        if (m.awaitingSync === null) continue;
        respond(state, state.coordinator.broker, m.awaitingSync.from, { type: 'SyncGroupResponse', requestId: m.awaitingSync.requestId, group: group.groupId, error: 'NONE', partitions: m.assignment.slice() });
        m.awaitingSync = null;
      }
      return;
    }
  }
}

function recordAssignment(state: GroupModelState, group: ClassicGroup, assignments: { memberId: string; partitions: number[] }[]): void {
  assert(state.ghost.assignments.length < GROUP_LIMITS.ghostEntriesMax, `more than ${GROUP_LIMITS.ghostEntriesMax} assignments in one run`);
  const record: AssignmentRecord = {
    step: state.stepCount,
    timeMs: state.nowMs,
    group: group.groupId,
    generation: group.generation,
    protocol: group.protocol ?? '',
    rebalanceProtocol: rebalanceProtocolOf(state.config['partition.assignment.strategy']),
    leader: group.leader ?? '',
    members: group.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, topics: m.subscription.topics.slice(), ownedPartitions: m.subscription.ownedPartitions.slice() })),
    assignments: assignments.map((a) => ({ memberId: a.memberId, partitions: a.partitions.slice() })),
    partitionCount: state.partitionCount,
    partitionTopics: state.topics.partitions.map((tp) => tp.topic),
  };
  state.ghost.assignments.push(record);
}

function handleHeartbeat(state: GroupModelState, group: ClassicGroup, from: string, body: Extract<GroupRpc, { type: 'Heartbeat' }>): void {
  const member = memberOf(group, body.memberId);
  if (member === undefined || group.state === 'Empty') return respond(state, state.coordinator.broker, from, errorResponse(body, 'UNKNOWN_MEMBER_ID'));
  if (body.generation !== group.generation) return respond(state, state.coordinator.broker, from, errorResponse(body, 'ILLEGAL_GENERATION'));
  scheduleSession(state, group, member);
  respond(state, state.coordinator.broker, from, errorResponse(body, group.state === 'PreparingRebalance' ? 'REBALANCE_IN_PROGRESS' : 'NONE'));
}

function handleLeave(state: GroupModelState, group: ClassicGroup, from: string, body: Extract<GroupRpc, { type: 'LeaveGroup' }>): void {
  const member = memberOf(group, body.memberId);
  if (member === undefined) return respond(state, state.coordinator.broker, from, errorResponse(body, 'UNKNOWN_MEMBER_ID'));
  removeMember(state, group, member);
  respond(state, state.coordinator.broker, from, errorResponse(body, 'NONE'));
}

/** ClassicGroup.validateOffsetCommit; NONE when the commit may be written. */
export function offsetCommitError(group: ClassicGroup, memberId: string, generation: number): GroupError {
  if (generation < 0 && group.state === 'Empty') return 'NONE';
  if (generation >= 0 || memberId !== '') {
    if (memberOf(group, memberId) === undefined) return 'UNKNOWN_MEMBER_ID';
    if (generation !== group.generation) return 'ILLEGAL_GENERATION';
  } else if (group.state !== 'Empty') {
    return 'UNKNOWN_MEMBER_ID';
  }
  if (group.state === 'CompletingRebalance') return 'REBALANCE_IN_PROGRESS';
  return 'NONE';
}

function handleCommit(state: GroupModelState, group: ClassicGroup, from: string, body: Extract<GroupRpc, { type: 'OffsetCommit' }>): void {
  const error = offsetCommitError(group, body.memberId, body.generation);
  if (error !== 'NONE') return respond(state, state.coordinator.broker, from, errorResponse(body, error));
  const committed = committedOf(state, group.groupId);
  assert(state.ghost.commits.length < GROUP_LIMITS.ghostEntriesMax, `more than ${GROUP_LIMITS.ghostEntriesMax} commits in one run`);
  const member = memberOf(group, body.memberId);
  state.ghost.commits.push({
    step: state.stepCount,
    timeMs: state.nowMs,
    group: group.groupId,
    memberId: body.memberId,
    clientId: member?.clientId ?? from,
    generation: body.generation,
    groupGeneration: group.generation,
    groupState: group.state,
    memberKnown: member !== undefined,
    offsets: body.offsets.map((o) => ({ partition: o.partition, offset: o.offset, previous: committed[o.partition] })),
    coordinator: state.coordinator.broker,
  });
  for (const o of body.offsets) {
    assert(o.partition >= 0 && o.partition < state.partitionCount, `commit of unknown partition ${o.partition}`);
    committed[o.partition] = o.offset;
  }
  respond(state, state.coordinator.broker, from, errorResponse(body, 'NONE'));
}

/** A request delivered to broker `brokerId`. */
export function handleBrokerRequest(state: GroupModelState, brokerId: number, from: string, body: GroupRpc): void {
  if (body.type === 'FindCoordinator') {
    respond(state, brokerId, from, { type: 'FindCoordinatorResponse', requestId: body.requestId, group: body.group, coordinator: state.coordinator.broker });
    return;
  }
  assert(!body.type.endsWith('Response'), `broker ${brokerId} cannot handle ${body.type}`);
  const request = body as Exclude<GroupRpc, { type: `${string}Response` }>;
  if (brokerId !== state.coordinator.broker) {
    respond(state, brokerId, from, errorResponse(request, 'NOT_COORDINATOR'));
    return;
  }
  const group = groupAt(state, request.group);
  switch (request.type) {
    case 'JoinGroup': return handleJoin(state, group, from, request);
    case 'SyncGroup': return handleSync(state, group, from, request);
    case 'Heartbeat': return handleHeartbeat(state, group, from, request);
    case 'LeaveGroup': return handleLeave(state, group, from, request);
    case 'OffsetCommit': return handleCommit(state, group, from, request);
    case 'OffsetFetch': {
      const committed = committedOf(state, group.groupId);
      respond(state, brokerId, from, { type: 'OffsetFetchResponse', requestId: request.requestId, group: group.groupId, error: 'NONE', offsets: request.partitions.map((partition) => ({ partition, offset: committed[partition] })) });
      return;
    }
    case 'FindCoordinator': return;
  }
}

/** Coordinator timers: a session expiry, the end of a join phase, or of an initial delay. */
export function onCoordinatorTimer(state: GroupModelState, kind: 'session' | 'rebalance' | 'initial-rebalance', target: string): void {
  if (kind === 'session') {
    const slash = target.indexOf('/');
    const group = groupAt(state, target.slice(0, slash));
    const member = memberOf(group, target.slice(slash + 1));
    if (member === undefined) return;
    if (member.awaitingJoin !== null || member.awaitingSync !== null) {
      scheduleSession(state, group, member);
      return;
    }
    removeMember(state, group, member);
    return;
  }
  const group = groupAt(state, target);
  if (kind === 'initial-rebalance') {
    group.initialDelayPending = false;
    if (group.state !== 'PreparingRebalance') return;
    setGroupTimer(state, 'rebalance', brokerNode(state.coordinator.broker), group.groupId, rebalanceTimeoutMs(group));
    maybeCompleteJoin(state, group);
    return;
  }
  if (group.state === 'PreparingRebalance') completeJoin(state, group);
}

/** A group as loaded from __consumer_offsets: Stable with its members, or Empty. */
export function loadGroup(persisted: PersistedGroup): ClassicGroup {
  return {
    groupId: persisted.groupId,
    state: persisted.members.length > 0 ? 'Stable' : 'Empty',
    generation: persisted.generation,
    protocol: persisted.protocol,
    leader: persisted.leader,
    members: persisted.members.map((m) => ({
      memberId: m.memberId,
      clientId: m.clientId,
      protocols: m.protocols.slice(),
      subscription: { ...m.subscription, topics: m.subscription.topics.slice(), ownedPartitions: m.subscription.ownedPartitions.slice(), previousAssignment: m.subscription.previousAssignment.slice() },
      sessionTimeoutMs: m.sessionTimeoutMs,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs,
      awaitingJoin: null,
      awaitingSync: null,
      assignment: m.assignment.slice(),
    })),
    initialDelayPending: false,
  };
}

/**
 * Coordinator failover: the leadership of __consumer_offsets moves to `brokerId`. The old
 * coordinator unloads its groups and answers every held JoinGroup and SyncGroup with
 * NOT_COORDINATOR; the new one loads every group from the log.
 */
export function failOverCoordinator(state: GroupModelState, brokerId: number): void {
  const old = state.coordinator.broker;
  assert(brokerId !== old, `broker ${brokerId} is already the coordinator`);
  assert(brokerId >= 1 && brokerId <= state.brokerCount, `no broker ${brokerId}`);
  for (const group of state.coordinator.groups) {
    for (const member of group.members) {
      if (member.awaitingJoin !== null) {
        respond(state, old, member.awaitingJoin.from, { type: 'JoinGroupResponse', requestId: member.awaitingJoin.requestId, group: group.groupId, error: 'NOT_COORDINATOR', generation: -1, protocol: null, leader: '', memberId: member.memberId, members: [] });
      }
      if (member.awaitingSync !== null) {
        respond(state, old, member.awaitingSync.from, { type: 'SyncGroupResponse', requestId: member.awaitingSync.requestId, group: group.groupId, error: 'NOT_COORDINATOR', partitions: [] });
      }
    }
  }
  clearGroupTimersOf(state, brokerNode(old));
  state.coordinator = { broker: brokerId, epoch: state.coordinator.epoch + 1, groups: state.store.groups.map(loadGroup) };
  for (const group of state.coordinator.groups) for (const member of group.members) scheduleSession(state, group, member);
}
