/** Node ids on the network. */
export const CONTROLLER = 'controller';
export const READER = 'reader';

export function brokerNode(brokerId: number): string {
  return `broker-${brokerId}`;
}

export function producerNode(index: number): string {
  return `producer-${index}`;
}

/** The broker id of a node id, or -1 when it is not a broker. */
export function brokerIdOf(node: string): number {
  return node.startsWith('broker-') ? Number(node.slice(7)) : -1;
}
