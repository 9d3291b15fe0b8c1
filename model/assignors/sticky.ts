/**
 * `sticky` (eager): Kafka:clients/src/main/java/org/apache/kafka/clients/consumer/StickyAssignor.java
 * over the shared engine (stickyEngine.ts). Java's StickyAssignor reads the previous assignment
 * and generation from its own userData (schema V1 `previous_assignment`, `generation`), because
 * an eager member has revoked everything before it rejoins; kmc passes that previous assignment as
 * `ownedPartitions` (model/assignors/types.ts).
 */
import { buildOutput, canonicalInput } from './canonicalInput.ts';
import { stickyAssign } from './stickyEngine.ts';
import type { Assignor, AssignorInput, AssignorOutput } from './types.ts';

export const stickyAssignor: Assignor = {
  name: 'sticky',
  supportedProtocols: ['eager'],
  assign(raw: AssignorInput): AssignorOutput {
    const input = canonicalInput(raw);
    const result = stickyAssign(input, (member) => ({ partitions: member.ownedPartitions, generation: member.generation }));
    return buildOutput(input, result.assignment);
  },
};
