/** Built-in assignors, the assignor interface, and KafkaJS's AssignerProtocol encoding. */
export type { Assignor, AssignorInput, AssignorMember, AssignorOutput, AssignorTopic, MemberAssignment, RebalanceProtocol, TopicPartition } from './types.ts';
export { REBALANCE_PROTOCOLS } from './types.ts';
export { rangeAssignor } from './range.ts';
export { roundRobinAssignor } from './roundRobin.ts';
export { stickyAssignor } from './sticky.ts';
export { cooperativeStickyAssignor } from './cooperativeSticky.ts';
export { kafkajsRoundRobinAssignor } from './kafkajsRoundRobin.ts';
export { BUILT_IN_ASSIGNORS, builtInAssignor } from './builtIns.ts';
export { compareMemberInfo, compareStrings, compareTopicPartitions } from './ordering.ts';
export { canonicalInput, DEFAULT_GENERATION } from './canonicalInput.ts';
export {
  decodeMemberAssignment,
  decodeMemberMetadata,
  encodeMemberAssignment,
  encodeMemberMetadata,
  AssignerProtocolError,
  type KafkajsMemberAssignment,
  type KafkajsMemberMetadata,
} from './kafkajsProtocol.ts';
