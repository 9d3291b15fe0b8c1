/**
 * The group coordinator, classic protocol (Kafka:group-coordinator/src/main/java/org/apache/
 * kafka/coordinator/group/GroupMetadataManager.java and classic/ClassicGroup.java; before 3.6
 * core/src/main/scala/kafka/coordinator/group/GroupCoordinator.scala):
 *
 * - JoinGroup with a session.timeout.ms outside group.min.session.timeout.ms ..
 *   group.max.session.timeout.ms (broker configs) is refused with INVALID_SESSION_TIMEOUT before
 *   anything else (GroupCoordinator.handleJoinGroup; GroupCoordinatorService.joinGroup).
 * - JoinGroup: a new dynamic member (empty member id) is answered MEMBER_ID_REQUIRED with a new
 *   member id it must join again with (KIP-394, classicGroupJoinNewDynamicMember); the coordinator
 *   keeps that id as pending, under the member's session timeout, and the join phase waits for it.
 *   Its second JoinGroup adds it and triggers a rebalance; a known member rejoins. The join phase
 *   (PreparingRebalance) ends when every member has rejoined and no member id is pending, or when
 *   the rebalance timeout (the largest max.poll.interval.ms of the members) fires, which evicts the
 *   dynamic members that did not rejoin (static ones stay, completeClassicGroupJoin). An empty
 *   group's first join phase waits group.initial.rebalance.delay.ms.
 * - Static membership (KIP-345, group.instance.id; see staticMembers.ts): a static member joins
 *   without MEMBER_ID_REQUIRED; a JoinGroup with an empty member id and a known instance id
 *   replaces the old member id with a new one, fencing the old one (FENCED_INSTANCE_ID on every
 *   later request that carries it, commits included), and in a Stable group whose selected
 *   protocol would not change it triggers no rebalance: the member gets its previous assignment
 *   back (KIP-814: a returning static leader gets skipAssignment).
 * - Completing the join bumps the generation, selects the protocol every member supports by vote
 *   (ClassicGroup.selectProtocol), keeps the leader if it rejoined (else the first member that
 *   did, maybeElectNewJoinedLeader; if only absent static members are left it waits another
 *   rebalance timeout), and answers every held JoinGroup; the leader's answer lists all members,
 *   their group.instance.ids and their subscriptions.
 * - SyncGroup: the leader's assignment is written to __consumer_offsets, then every member gets its
 *   partitions and the group is Stable. A rebalance that starts first answers pending SyncGroups
 *   with REBALANCE_IN_PROGRESS. Members that send no SyncGroup within the rebalance timeout after
 *   the join phase are removed and the group rebalances (KAFKA-12890: pendingSyncMembers,
 *   expirePendingSync).
 * - Heartbeat keeps a member's session (session.timeout.ms); a member waiting in a JoinGroup or
 *   SyncGroup is kept alive (MemberMetadata.shouldKeepAlive). A member whose session expires, or
 *   that sends LeaveGroup, is removed, which starts a rebalance.
 * - Fencing: a request from a member the group does not know gets UNKNOWN_MEMBER_ID; one whose
 *   group.instance.id now maps to another member id gets FENCED_INSTANCE_ID
 *   (ClassicGroup.validateMember); one with another generation gets ILLEGAL_GENERATION
 *   (validateClassicGroupHeartbeat, validateSyncGroup,
 *   ClassicGroup.validateOffsetCommit, which also answers REBALANCE_IN_PROGRESS while the group
 *   is CompletingRebalance and accepts commits of the current generation while it is
 *   PreparingRebalance).
 *
 * Simplifications, each deliberate:
 * - `__consumer_offsets` writes (group metadata, offset commits) are durable once the coordinator
 *   accepts them, as with acks=all (offsets.commit.required.acks=-1) and a healthy ISR: every ISR
 *   replica holds them, and leadership moves only to an ISR replica (no unclean election of
 *   __consumer_offsets is modelled). So `store` is the partition's log, whichever replica leads.
 * - Each group's coordinator is the leader of its __consumer_offsets partition (offsetsTopic.ts);
 *   when that leadership moves (an admin `failover`, a `broker-crash`), the new leader loads the
 *   partition's groups from the log (coordinatorMove.ts): a group with members comes back Stable,
 *   one without Empty, every member's session starts afresh; rebalances in progress are lost with
 *   the old coordinator's memory, as in Kafka. A live old leader answers what it held, and
 *   everything sent to it later, with NOT_COORDINATOR; a crashed one answers nothing. Loading is
 *   instantaneous (no COORDINATOR_LOAD_IN_PROGRESS).
 * - The pending-sync timer is cleared once every member has synced (Kafka lets it fire and do
 *   nothing). A replaced static member id that had not synced still owes its SyncGroup, as in
 *   Kafka (replaceStaticMember leaves pendingSyncMembers alone), so the deadline removes nobody
 *   and rebalances the group (expirePendingSync).
 * - The first join phase of an empty group waits min(group.initial.rebalance.delay.ms, rebalance
 *   timeout) once, then the whole rebalance timeout for every member; Kafka extends the delay
 *   while new members keep arriving and completes the join when it ends.
 * - New members get their session.timeout.ms while they wait in JoinGroup (Kafka gives a new
 *   member its 5-minute new-member join timeout); this matters only with rebalance timeouts
 *   above 5 minutes.
 * - A group reloaded from __consumer_offsets keeps, per member, only the selected protocol (the
 *   record holds only that one's metadata), so a member rejoining with its whole
 *   partition.assignment.strategy list no longer matches and triggers a rebalance, as in Kafka.
 */
import { assert } from '../kernel/assert.ts';
import { GROUP_LIMITS } from './limits.ts';
import type { GroupError, GroupRpc, Subscription } from './rpc.ts';
import { clearGroupTimer, setGroupTimer } from './timers.ts';
import type { AssignmentRecord, ClassicGroup, GroupMember, GroupModelState, HeldRequest, PersistedGroup } from './types.ts';
import { sendOnWire } from './wire.ts';
import { rebalanceProtocolOf } from './protocols.ts';
import { coordinatorOf } from './offsetsTopic.ts';
import { fenceStaticMember, staticMemberError, staticMemberOf } from './staticMembers.ts';

export function brokerNode(brokerId: number): string {
  return `broker-${brokerId}`;
}

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

export function scheduleSession(state: GroupModelState, group: ClassicGroup, member: Pick<GroupMember, 'memberId' | 'sessionTimeoutMs'>): void {
  setGroupTimer(state, 'session', brokerNode(coordinatorOf(state, group.groupId)), sessionTarget(group, member.memberId), member.sessionTimeoutMs);
}

/** ClassicGroup.validateMember: UNKNOWN_MEMBER_ID, FENCED_INSTANCE_ID, or NONE. */
function validateMember(group: ClassicGroup, memberId: string, groupInstanceId: string | undefined): GroupError {
  const staticError = staticMemberError(group, memberId, groupInstanceId);
  if (staticError !== 'NONE') return staticError;
  return memberOf(group, memberId) === undefined ? 'UNKNOWN_MEMBER_ID' : 'NONE';
}

/** ClassicGroup.generateMemberId: "<group.instance.id or client id>-<unique suffix>". */
function newMemberId(state: GroupModelState, body: Extract<GroupRpc, { type: 'JoinGroup' }>): string {
  return `${body.groupInstanceId ?? body.clientId}-${state.memberIdNext++}`;
}

function subscriptionsEqual(a: Subscription, b: Subscription): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function joinResponse(state: GroupModelState, group: ClassicGroup, member: GroupMember, skipAssignment = false): GroupRpc {
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
    members: isLeader ? group.members.map((m) => ({ memberId: m.memberId, ...(m.groupInstanceId !== null ? { groupInstanceId: m.groupInstanceId } : {}), clientId: m.clientId, subscription: m.subscription })) : [],
    skipAssignment,
  };
}

function errorResponse(body: Exclude<GroupRpc, { type: `${string}Response` }>, error: GroupError): GroupRpc {
  switch (body.type) {
    case 'FindCoordinator': return { type: 'FindCoordinatorResponse', requestId: body.requestId, group: body.group, error, coordinator: -1 };
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
      groupInstanceId: m.groupInstanceId,
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
  const node = brokerNode(coordinatorOf(state, group.groupId));
  if (group.state === 'CompletingRebalance') {
    // resetAndPropagateAssignmentWithError: pending SyncGroups learn the rebalance restarted.
    for (const member of group.members) {
      if (member.awaitingSync === null) continue;
      respond(state, coordinatorOf(state, group.groupId), member.awaitingSync.from, { type: 'SyncGroupResponse', requestId: member.awaitingSync.requestId, group: group.groupId, error: 'REBALANCE_IN_PROGRESS', partitions: [] });
      member.awaitingSync = null;
    }
  }
  removeSyncExpiration(state, group);
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

/** GroupMetadataManager.removeSyncExpiration: a new rebalance forgets who still owes a SyncGroup. */
function removeSyncExpiration(state: GroupModelState, group: ClassicGroup): void {
  group.pendingSyncMembers = [];
  clearGroupTimer(state, 'pending-sync', brokerNode(coordinatorOf(state, group.groupId)), group.groupId);
}

/** ClassicGroup.hasAllMembersJoined: every member awaits its JoinGroup answer and no member id is pending. */
function maybeCompleteJoin(state: GroupModelState, group: ClassicGroup): void {
  if (group.state !== 'PreparingRebalance' || group.initialDelayPending) return;
  if (group.pendingMembers.length === 0 && group.members.every((m) => m.awaitingJoin !== null)) completeJoin(state, group);
}

function removeMemberRecord(state: GroupModelState, group: ClassicGroup, member: GroupMember): void {
  group.members.splice(group.members.indexOf(member), 1);
  group.pendingSyncMembers = group.pendingSyncMembers.filter((id) => id !== member.memberId);
  clearGroupTimer(state, 'session', brokerNode(coordinatorOf(state, group.groupId)), sessionTarget(group, member.memberId));
  if (group.leader === member.memberId) group.leader = group.members.length > 0 ? group.members[0].memberId : null;
}

/** The end of the join phase (GroupMetadataManager.completeClassicGroupJoin). */
function completeJoin(state: GroupModelState, group: ClassicGroup): void {
  assert(group.state === 'PreparingRebalance', `${group.groupId}: join completes only while PreparingRebalance (is ${group.state})`);
  const node = brokerNode(coordinatorOf(state, group.groupId));
  clearGroupTimer(state, 'rebalance', node, group.groupId);
  clearGroupTimer(state, 'initial-rebalance', node, group.groupId);
  group.initialDelayPending = false;
  // Dynamic members that did not rejoin within the rebalance timeout are evicted; static ones stay
  // (until their session expires) and keep their place in the next generation.
  for (const member of group.members.slice()) if (member.awaitingJoin === null && member.groupInstanceId === null) removeMemberRecord(state, group, member);
  // ClassicGroup.maybeElectNewJoinedLeader: the leader must be a member that rejoined.
  if (group.leader !== null && memberOf(group, group.leader)?.awaitingJoin === null) group.leader = null;
  if (group.members.length > 0 && !group.members.some((m) => m.awaitingJoin !== null)) {
    // No member rejoined (only absent static members are left): wait another rebalance timeout.
    setGroupTimer(state, 'rebalance', node, group.groupId, rebalanceTimeoutMs(group));
    return;
  }
  group.generation++;
  if (group.members.length === 0) {
    group.state = 'Empty';
    group.protocol = null;
    group.leader = null;
    persistGroup(state, group);
    return;
  }
  group.protocol = selectProtocol(group.members);
  if (group.leader === null || memberOf(group, group.leader) === undefined) group.leader = group.members.find((m) => m.awaitingJoin !== null)!.memberId;
  group.state = 'CompletingRebalance';
  for (const member of group.members) {
    if (member.awaitingJoin !== null) respond(state, coordinatorOf(state, group.groupId), member.awaitingJoin.from, joinResponse(state, group, member));
    member.awaitingJoin = null;
    member.assignment = [];
    scheduleSession(state, group, member);
  }
  // KAFKA-12890: every member owes a SyncGroup within the rebalance timeout (schedulePendingSync).
  group.pendingSyncMembers = group.members.map((m) => m.memberId);
  setGroupTimer(state, 'pending-sync', node, group.groupId, rebalanceTimeoutMs(group));
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

/** ClassicGroup.updateMember: a rejoining member's protocols, subscription and timeouts, and its held JoinGroup. */
function updateMember(member: GroupMember, body: Extract<GroupRpc, { type: 'JoinGroup' }>, held: HeldRequest): void {
  member.protocols = body.protocols.slice();
  member.subscription = body.subscription;
  member.sessionTimeoutMs = body.sessionTimeoutMs;
  member.rebalanceTimeoutMs = body.rebalanceTimeoutMs;
  member.awaitingJoin = held;
}

function handleJoin(state: GroupModelState, group: ClassicGroup, from: string, body: Extract<GroupRpc, { type: 'JoinGroup' }>): void {
  const held: HeldRequest = { requestId: body.requestId, from };
  // GroupCoordinator.handleJoinGroup (GroupCoordinatorService.joinGroup in 3.7+'s new coordinator):
  // before the group is looked at, a session timeout outside the broker's bounds is refused.
  if (body.sessionTimeoutMs < state.config['group.min.session.timeout.ms'] || body.sessionTimeoutMs > state.config['group.max.session.timeout.ms']) {
    respond(state, coordinatorOf(state, group.groupId), from, errorResponse(body, 'INVALID_SESSION_TIMEOUT'));
    return;
  }
  if (!supportsProtocols(group, body.protocols)) {
    respond(state, coordinatorOf(state, group.groupId), from, errorResponse(body, 'INCONSISTENT_GROUP_PROTOCOL'));
    return;
  }
  if (body.memberId === '') {
    assert(group.members.length + group.pendingMembers.length < GROUP_LIMITS.groupMembersMax, `${group.groupId} exceeds ${GROUP_LIMITS.groupMembersMax} members`);
    const memberId = newMemberId(state, body);
    if (body.groupInstanceId !== undefined) {
      // classicGroupJoinNewStaticMember: no MEMBER_ID_REQUIRED for a static member.
      const existing = staticMemberOf(group, body.groupInstanceId);
      if (existing !== undefined) return replaceStaticMember(state, group, existing, memberId, body, held);
      return addMember(state, group, memberId, body, held);
    }
    // classicGroupJoinNewDynamicMember (JoinGroup v4+, KIP-394): the id is pending until the member
    // joins with it, and expires with the session timeout it asked for.
    group.pendingMembers.push(memberId);
    scheduleSession(state, group, { memberId, sessionTimeoutMs: body.sessionTimeoutMs });
    respond(state, coordinatorOf(state, group.groupId), from, { ...errorResponse(body, 'MEMBER_ID_REQUIRED'), memberId } as GroupRpc);
    return;
  }
  if (group.pendingMembers.includes(body.memberId)) {
    group.pendingMembers = group.pendingMembers.filter((id) => id !== body.memberId);
    return addMember(state, group, body.memberId, body, held);
  }
  const invalid = validateMember(group, body.memberId, body.groupInstanceId);
  if (invalid !== 'NONE') {
    respond(state, coordinatorOf(state, group.groupId), from, errorResponse(body, invalid));
    return;
  }
  const member = memberOf(group, body.memberId)!;
  const matches = JSON.stringify(member.protocols) === JSON.stringify(body.protocols) && subscriptionsEqual(member.subscription, body.subscription);
  const update = (): void => updateMember(member, body, held);
  switch (group.state) {
    case 'PreparingRebalance':
      update();
      maybeCompleteJoin(state, group);
      return;
    case 'CompletingRebalance':
      if (matches) {
        // The member lost the JoinGroup answer: answer again with the current generation.
        member.awaitingJoin = held;
        respond(state, coordinatorOf(state, group.groupId), from, joinResponse(state, group, member));
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
      respond(state, coordinatorOf(state, group.groupId), from, joinResponse(state, group, member));
      member.awaitingJoin = null;
      return;
    case 'Empty':
      respond(state, coordinatorOf(state, group.groupId), from, errorResponse(body, 'UNKNOWN_MEMBER_ID'));
      return;
  }
}

/** A new member (a pending dynamic one, or a static one with a new instance id) joins: addMemberThenRebalanceOrCompleteJoin. */
function addMember(state: GroupModelState, group: ClassicGroup, memberId: string, body: Extract<GroupRpc, { type: 'JoinGroup' }>, held: HeldRequest): void {
  const member: GroupMember = {
    memberId,
    groupInstanceId: body.groupInstanceId ?? null,
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
}

/**
 * A known group.instance.id joins with an empty member id (updateStaticMemberThenRebalanceOrCompleteJoin):
 * the old member id is fenced and replaced; a Stable group whose selected protocol stays the same
 * does not rebalance and the member keeps its assignment.
 */
function replaceStaticMember(state: GroupModelState, group: ClassicGroup, existing: GroupMember, memberId: string, body: Extract<GroupRpc, { type: 'JoinGroup' }>, held: HeldRequest): void {
  const oldMemberId = existing.memberId;
  const member = fenceStaticMember(group, existing, memberId, (to, rpc) => respond(state, coordinatorOf(state, group.groupId), to, rpc));
  // The old member id's session timer would expire without effect in Kafka; here it goes at once.
  clearGroupTimer(state, 'session', brokerNode(coordinatorOf(state, group.groupId)), sessionTarget(group, oldMemberId));
  scheduleSession(state, group, member);
  updateMember(member, body, held);
  switch (group.state) {
    case 'Stable':
      if (selectProtocol(group.members) === group.protocol) {
        // "Static member which joins during Stable stage and doesn't affect the selected protocol
        // will not trigger a rebalance": the new member id is written, the member syncs and gets
        // its assignment back. A returning leader skips the assignment (KIP-814).
        persistGroup(state, group);
        respond(state, coordinatorOf(state, group.groupId), held.from, joinResponse(state, group, member, group.leader === member.memberId));
        member.awaitingJoin = null;
        return;
      }
      prepareRebalance(state, group);
      return;
    case 'CompletingRebalance':
      // The leader may already have assigned to the old member id: rebalance.
      prepareRebalance(state, group);
      return;
    case 'PreparingRebalance':
      maybeCompleteJoin(state, group);
      return;
    case 'Empty':
      assert(false, `${group.groupId} is Empty but knows static member ${oldMemberId}`);
  }
}

function handleSync(state: GroupModelState, group: ClassicGroup, from: string, body: Extract<GroupRpc, { type: 'SyncGroup' }>): void {
  const invalid = group.state === 'Empty' ? 'UNKNOWN_MEMBER_ID' : validateMember(group, body.memberId, body.groupInstanceId);
  if (invalid !== 'NONE') return respond(state, coordinatorOf(state, group.groupId), from, errorResponse(body, invalid));
  const member = memberOf(group, body.memberId)!;
  if (body.generation !== group.generation) return respond(state, coordinatorOf(state, group.groupId), from, errorResponse(body, 'ILLEGAL_GENERATION'));
  if (group.state !== 'PreparingRebalance') removePendingSyncMember(state, group, member.memberId);
  switch (group.state) {
    case 'PreparingRebalance':
      return respond(state, coordinatorOf(state, group.groupId), from, errorResponse(body, 'REBALANCE_IN_PROGRESS'));
    case 'Stable':
      return respond(state, coordinatorOf(state, group.groupId), from, { type: 'SyncGroupResponse', requestId: body.requestId, group: group.groupId, error: 'NONE', partitions: member.assignment.slice() });
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
        respond(state, coordinatorOf(state, group.groupId), m.awaitingSync.from, { type: 'SyncGroupResponse', requestId: m.awaitingSync.requestId, group: group.groupId, error: 'NONE', partitions: m.assignment.slice() });
        m.awaitingSync = null;
      }
      return;
    }
  }
}

function removePendingSyncMember(state: GroupModelState, group: ClassicGroup, memberId: string): void {
  group.pendingSyncMembers = group.pendingSyncMembers.filter((id) => id !== memberId);
  // Kafka lets the timer fire and find nothing to do; here it goes once nobody owes a SyncGroup.
  if (group.pendingSyncMembers.length === 0) clearGroupTimer(state, 'pending-sync', brokerNode(coordinatorOf(state, group.groupId)), group.groupId);
}

function recordAssignment(state: GroupModelState, group: ClassicGroup, assignments: { memberId: string; partitions: number[] }[]): void {
  assert(state.ghost.assignments.length < GROUP_LIMITS.ghostEntriesMax, `more than ${GROUP_LIMITS.ghostEntriesMax} assignments in one run`);
  const record: AssignmentRecord = {
    step: state.stepCount,
    timeMs: state.nowMs,
    group: group.groupId,
    generation: group.generation,
    protocol: group.protocol ?? '',
    rebalanceProtocol: rebalanceProtocolOf(state.config['partition.assignment.strategy'], state.assignors),
    leader: group.leader ?? '',
    members: group.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, topics: m.subscription.topics.slice(), ownedPartitions: m.subscription.ownedPartitions.slice() })),
    assignments: assignments.map((a) => ({ memberId: a.memberId, partitions: a.partitions.slice() })),
    partitionCount: state.partitionCount,
    partitionTopics: state.topics.partitions.map((tp) => tp.topic),
  };
  state.ghost.assignments.push(record);
}

function handleHeartbeat(state: GroupModelState, group: ClassicGroup, from: string, body: Extract<GroupRpc, { type: 'Heartbeat' }>): void {
  const invalid = group.state === 'Empty' ? 'UNKNOWN_MEMBER_ID' : validateMember(group, body.memberId, body.groupInstanceId);
  if (invalid !== 'NONE') return respond(state, coordinatorOf(state, group.groupId), from, errorResponse(body, invalid));
  const member = memberOf(group, body.memberId)!;
  if (body.generation !== group.generation) return respond(state, coordinatorOf(state, group.groupId), from, errorResponse(body, 'ILLEGAL_GENERATION'));
  scheduleSession(state, group, member);
  respond(state, coordinatorOf(state, group.groupId), from, errorResponse(body, group.state === 'PreparingRebalance' ? 'REBALANCE_IN_PROGRESS' : 'NONE'));
}

function handleLeave(state: GroupModelState, group: ClassicGroup, from: string, body: Extract<GroupRpc, { type: 'LeaveGroup' }>): void {
  if (group.pendingMembers.includes(body.memberId)) {
    // classicGroupLeave: a pending member id leaves (removePendingMemberAndUpdateClassicGroup).
    clearGroupTimer(state, 'session', brokerNode(coordinatorOf(state, group.groupId)), sessionTarget(group, body.memberId));
    removePendingMember(state, group, body.memberId);
    return respond(state, coordinatorOf(state, group.groupId), from, errorResponse(body, 'NONE'));
  }
  const member = memberOf(group, body.memberId);
  if (member === undefined) return respond(state, coordinatorOf(state, group.groupId), from, errorResponse(body, 'UNKNOWN_MEMBER_ID'));
  removeMember(state, group, member);
  respond(state, coordinatorOf(state, group.groupId), from, errorResponse(body, 'NONE'));
}

/** ClassicGroup.validateOffsetCommit; NONE when the commit may be written. */
export function offsetCommitError(group: ClassicGroup, memberId: string, generation: number, groupInstanceId?: string): GroupError {
  if (generation < 0 && group.state === 'Empty') return 'NONE';
  if (generation >= 0 || memberId !== '' || groupInstanceId !== undefined) {
    const invalid = validateMember(group, memberId, groupInstanceId);
    if (invalid !== 'NONE') return invalid;
    if (generation !== group.generation) return 'ILLEGAL_GENERATION';
  } else if (group.state !== 'Empty') {
    return 'UNKNOWN_MEMBER_ID';
  }
  if (group.state === 'CompletingRebalance') return 'REBALANCE_IN_PROGRESS';
  return 'NONE';
}

function handleCommit(state: GroupModelState, group: ClassicGroup, from: string, body: Extract<GroupRpc, { type: 'OffsetCommit' }>): void {
  const error = offsetCommitError(group, body.memberId, body.generation, body.groupInstanceId);
  if (error !== 'NONE') return respond(state, coordinatorOf(state, group.groupId), from, errorResponse(body, error));
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
    coordinator: coordinatorOf(state, group.groupId),
  });
  for (const o of body.offsets) {
    assert(o.partition >= 0 && o.partition < state.partitionCount, `commit of unknown partition ${o.partition}`);
    committed[o.partition] = o.offset;
  }
  // A member's commit in Stable or PreparingRebalance keeps its session alive, as a heartbeat does
  // (GroupCoordinator.doCommitOffsets: completeAndScheduleNextHeartbeatExpiration, to 3.9;
  // OffsetMetadataManager.commitOffset: rescheduleClassicGroupMemberHeartbeat, from 3.7's new
  // group coordinator).
  if (member !== undefined && (group.state === 'Stable' || group.state === 'PreparingRebalance')) scheduleSession(state, group, member);
  respond(state, coordinatorOf(state, group.groupId), from, errorResponse(body, 'NONE'));
}

/** A request delivered to broker `brokerId`. */
export function handleBrokerRequest(state: GroupModelState, brokerId: number, from: string, body: GroupRpc): void {
  if (body.type === 'FindCoordinator') {
    // KafkaApis.getCoordinator: the leader of the group's __consumer_offsets partition, if it has one.
    const coordinator = coordinatorOf(state, body.group);
    if (coordinator < 0) respond(state, brokerId, from, errorResponse(body, 'COORDINATOR_NOT_AVAILABLE'));
    else respond(state, brokerId, from, { type: 'FindCoordinatorResponse', requestId: body.requestId, group: body.group, error: 'NONE', coordinator });
    return;
  }
  assert(!body.type.endsWith('Response'), `broker ${brokerId} cannot handle ${body.type}`);
  const request = body as Exclude<GroupRpc, { type: `${string}Response` }>;
  if (brokerId !== coordinatorOf(state, request.group)) {
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

/** Coordinator timers: a session expiry, the end of a join phase or of an initial delay, a SyncGroup deadline. */
export function onCoordinatorTimer(state: GroupModelState, kind: 'session' | 'rebalance' | 'initial-rebalance' | 'pending-sync', target: string): void {
  if (kind === 'session') {
    const slash = target.indexOf('/');
    const group = groupAt(state, target.slice(0, slash));
    const memberId = target.slice(slash + 1);
    if (group.pendingMembers.includes(memberId)) {
      // A member id handed out with MEMBER_ID_REQUIRED never came back.
      removePendingMember(state, group, memberId);
      return;
    }
    const member = memberOf(group, memberId);
    if (member === undefined) return;
    if (member.awaitingJoin !== null || member.awaitingSync !== null) {
      scheduleSession(state, group, member);
      return;
    }
    removeMember(state, group, member);
    return;
  }
  const group = groupAt(state, target);
  if (kind === 'pending-sync') return expirePendingSync(state, group);
  if (kind === 'initial-rebalance') {
    group.initialDelayPending = false;
    if (group.state !== 'PreparingRebalance') return;
    setGroupTimer(state, 'rebalance', brokerNode(coordinatorOf(state, group.groupId)), group.groupId, rebalanceTimeoutMs(group));
    maybeCompleteJoin(state, group);
    return;
  }
  if (group.state === 'PreparingRebalance') completeJoin(state, group);
}

/** removePendingMemberAndUpdateClassicGroup: the join phase may have been waiting only for it. */
function removePendingMember(state: GroupModelState, group: ClassicGroup, memberId: string): void {
  group.pendingMembers = group.pendingMembers.filter((id) => id !== memberId);
  maybeCompleteJoin(state, group);
}

/** GroupMetadataManager.expirePendingSync: members that never sent SyncGroup are removed, and the group rebalances. */
function expirePendingSync(state: GroupModelState, group: ClassicGroup): void {
  if ((group.state !== 'CompletingRebalance' && group.state !== 'Stable') || group.pendingSyncMembers.length === 0) return;
  for (const memberId of group.pendingSyncMembers.slice()) {
    const member = memberOf(group, memberId);
    if (member !== undefined) removeMemberRecord(state, group, member);
  }
  group.pendingSyncMembers = [];
  prepareRebalance(state, group);
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
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      // GroupMetadataManager.replay: the record carries only the selected protocol's metadata.
      protocols: persisted.protocol !== null ? [persisted.protocol] : m.protocols.slice(),
      subscription: { ...m.subscription, topics: m.subscription.topics.slice(), ownedPartitions: m.subscription.ownedPartitions.slice(), previousAssignment: m.subscription.previousAssignment.slice() },
      sessionTimeoutMs: m.sessionTimeoutMs,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs,
      awaitingJoin: null,
      awaitingSync: null,
      assignment: m.assignment.slice(),
    })),
    initialDelayPending: false,
    pendingMembers: [],
    pendingSyncMembers: [],
  };
}
