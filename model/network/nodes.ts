/** Node ids on the network. */
export const CONTROLLER = 'controller';
export const READER = 'reader';

/** brokerNode's answers so far, by broker id: one string per node, compared by identity at once. */
const brokerNodes: string[] = [];

export function brokerNode(brokerId: number): string {
  if (Number.isInteger(brokerId) && brokerId >= 0 && brokerId < BROKER_NODES_CACHED) return (brokerNodes[brokerId] ??= `broker-${brokerId}`);
  return `broker-${brokerId}`;
}

/** Broker ids whose node names brokerNode keeps (any other id is formatted afresh). */
const BROKER_NODES_CACHED = 1024;

export function producerNode(index: number): string {
  return `producer-${index}`;
}

/** The broker id of a node id, or -1 when it is not a broker. */
export function brokerIdOf(node: string): number {
  if (!node.startsWith('broker-')) return -1;
  // Read the digits in place: asked at every step for every connection and timer, and slicing
  // would allocate a string each time. Anything but plain digits goes the general way.
  let id = 0;
  for (let i = 7; i < node.length; i++) {
    const digit = node.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number(node.slice(7));
    id = id * 10 + digit;
  }
  return node.length > 7 ? id : Number(node.slice(7));
}
