/**
 * KafkaJS's AssignerProtocol (KJS:src/consumer/assignerProtocol.js), the standard "consumer"
 * protocol v0 layout, big-endian:
 * - MemberMetadata:   int16 version, array<string> topics, bytes userData
 * - MemberAssignment: int16 version, array<{string topic, array<int32> partitions}>, bytes userData
 * where array = int32 count then the elements (-1 = null, read as empty, as KafkaJS's
 * Decoder.readArray does), string = int16 byte length then UTF-8, bytes = int32 length then the
 * bytes (-1 = null).
 *
 * The decoders are strict where KafkaJS's are lenient, because a checker must say what is wrong:
 * a length running past the end, a negative length other than -1, a null topic name or invalid
 * UTF-8 is an AssignerProtocolError naming the field and byte offset. Like KafkaJS, an empty
 * assignment buffer decodes to null ("no assignment"), and bytes after userData are ignored
 * (later protocol versions append fields there).
 *
 * Pure: works on Uint8Array (a Node Buffer is one); the encoders return Uint8Array.
 */

export interface KafkajsMemberMetadata {
  version: number;
  topics: string[];
  userData: Uint8Array | null;
}

export interface KafkajsTopicAssignment {
  topic: string;
  partitions: number[];
}

export interface KafkajsMemberAssignment {
  version: number;
  /** In wire order; a topic may appear twice in a malformed buffer (KafkaJS keeps the last). */
  assignment: KafkajsTopicAssignment[];
  userData: Uint8Array | null;
}

export class AssignerProtocolError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} (at byte ${offset})`);
    this.name = 'AssignerProtocolError';
    this.offset = offset;
  }
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

class Reader {
  private offset = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(count: number, what: string): void {
    if (this.offset + count > this.bytes.byteLength) {
      throw new AssignerProtocolError(`${what}: needs ${count} bytes, ${this.bytes.byteLength - this.offset} left`, this.offset);
    }
  }

  int16(what: string): number {
    this.need(2, what);
    const value = this.view.getInt16(this.offset);
    this.offset += 2;
    return value;
  }

  int32(what: string): number {
    this.need(4, what);
    const value = this.view.getInt32(this.offset);
    this.offset += 4;
    return value;
  }

  string(what: string): string {
    const at = this.offset;
    const length = this.int16(`${what} length`);
    if (length < 0) throw new AssignerProtocolError(`${what}: null or negative length ${length}`, at);
    this.need(length, what);
    try {
      return utf8Decoder.decode(this.bytes.subarray(this.offset, this.offset + length));
    } catch {
      throw new AssignerProtocolError(`${what}: invalid UTF-8`, this.offset);
    } finally {
      this.offset += length;
    }
  }

  bytesField(what: string): Uint8Array | null {
    const at = this.offset;
    const length = this.int32(`${what} length`);
    if (length === -1) return null;
    if (length < 0) throw new AssignerProtocolError(`${what}: negative length ${length}`, at);
    this.need(length, what);
    const value = new Uint8Array(this.bytes.subarray(this.offset, this.offset + length));
    this.offset += length;
    return value;
  }

  array<T>(what: string, elementBytesMin: number, readElement: (index: number) => T): T[] {
    const at = this.offset;
    const count = this.int32(`${what} count`);
    if (count === -1) return [];
    if (count < 0) throw new AssignerProtocolError(`${what}: negative count ${count}`, at);
    if (count * elementBytesMin > this.bytes.byteLength - this.offset) {
      throw new AssignerProtocolError(`${what}: count ${count} does not fit in the ${this.bytes.byteLength - this.offset} bytes left`, at);
    }
    const elements: T[] = [];
    for (let index = 0; index < count; index++) elements.push(readElement(index));
    return elements;
  }
}

class Writer {
  private readonly chunks: Uint8Array[] = [];

  int16(value: number): this {
    const chunk = new Uint8Array(2);
    new DataView(chunk.buffer).setInt16(0, value);
    this.chunks.push(chunk);
    return this;
  }

  int32(value: number): this {
    const chunk = new Uint8Array(4);
    new DataView(chunk.buffer).setInt32(0, value);
    this.chunks.push(chunk);
    return this;
  }

  string(value: string): this {
    const encoded = utf8Encoder.encode(value);
    this.int16(encoded.byteLength);
    this.chunks.push(encoded);
    return this;
  }

  bytes(value: Uint8Array | null): this {
    if (value === null) return this.int32(-1);
    this.int32(value.byteLength);
    this.chunks.push(Uint8Array.from(value));
    return this;
  }

  done(): Uint8Array {
    const total = this.chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }
}

export function encodeMemberMetadata(metadata: { version: number; topics: readonly string[]; userData?: Uint8Array | null }): Uint8Array {
  const writer = new Writer().int16(metadata.version).int32(metadata.topics.length);
  for (const topic of metadata.topics) writer.string(topic);
  return writer.bytes(metadata.userData === undefined ? new Uint8Array(0) : metadata.userData).done();
}

export function decodeMemberMetadata(bytes: Uint8Array): KafkajsMemberMetadata {
  const reader = new Reader(bytes);
  const version = reader.int16('MemberMetadata version');
  const topics = reader.array('MemberMetadata topics', 2, (index) => reader.string(`MemberMetadata topics[${index}]`));
  const userData = reader.bytesField('MemberMetadata userData');
  return { version, topics, userData };
}

/**
 * Encodes like KafkaJS's MemberAssignment.encode. A Record is written in Object.keys order, as
 * KafkaJS does; pass entries to fix the order yourself.
 */
export function encodeMemberAssignment(assignment: {
  version: number;
  assignment: Readonly<Record<string, readonly number[]>> | readonly KafkajsTopicAssignment[];
  userData?: Uint8Array | null;
}): Uint8Array {
  const entries: KafkajsTopicAssignment[] = Array.isArray(assignment.assignment)
    ? (assignment.assignment as readonly KafkajsTopicAssignment[]).map((entry) => ({ topic: entry.topic, partitions: [...entry.partitions] }))
    : Object.keys(assignment.assignment).map((topic) => ({ topic, partitions: [...(assignment.assignment as Record<string, readonly number[]>)[topic]] }));
  const writer = new Writer().int16(assignment.version).int32(entries.length);
  for (const entry of entries) {
    writer.string(entry.topic).int32(entry.partitions.length);
    for (const partition of entry.partitions) writer.int32(partition);
  }
  return writer.bytes(assignment.userData === undefined ? new Uint8Array(0) : assignment.userData).done();
}

/** null for an empty buffer (a member given nothing), as KafkaJS's decode. */
export function decodeMemberAssignment(bytes: Uint8Array): KafkajsMemberAssignment | null {
  if (bytes.byteLength === 0) return null;
  const reader = new Reader(bytes);
  const version = reader.int16('MemberAssignment version');
  const assignment = reader.array('MemberAssignment topics', 6, (index) => {
    const topic = reader.string(`MemberAssignment topics[${index}] name`);
    const partitions = reader.array(`MemberAssignment topics[${index}] (${topic}) partitions`, 4, () => reader.int32('partition'));
    return { topic, partitions };
  });
  const userData = reader.bytesField('MemberAssignment userData');
  return { version, assignment, userData };
}
