/**
 * Replica assignment: partition p's replicas are brokers p, p+1, ... (mod N), 1-based, so
 * preferred leaders spread over the brokers as Kafka's rack-unaware assignment does.
 */
export function replicasOf(partition: number, brokerCount: number, replicationFactor: number): number[] {
  return Array.from({ length: replicationFactor }, (_, i) => ((partition + i) % brokerCount) + 1);
}
