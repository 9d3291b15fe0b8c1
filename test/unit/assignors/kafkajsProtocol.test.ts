/**
 * kmc's own AssignerProtocol codec (model/assignors/kafkajsProtocol.ts) against KafkaJS's
 * (KJS:src/consumer/assignerProtocol.js, from node_modules — in this test only): byte-identical
 * encodings and lossless decoding both ways, and strict errors on malformed buffers.
 */
import fc from 'fast-check';
import { AssignerProtocol } from 'kafkajs';
import { describe, expect, test } from 'vitest';
import {
  AssignerProtocolError,
  decodeMemberAssignment,
  decodeMemberMetadata,
  encodeMemberAssignment,
  encodeMemberMetadata,
} from '../../../model/assignors/kafkajsProtocol.ts';

const topicName = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });
const userData = fc.uint8Array({ maxLength: 16 });

describe('MemberMetadata matches KafkaJS AssignerProtocol.MemberMetadata (seed 7)', () => {
  test('encodings are byte-identical and decode both ways', () => {
    fc.assert(
      fc.property(fc.integer({ min: -32768, max: 32767 }), fc.array(topicName, { maxLength: 5 }), userData, (version, topics, data) => {
        const ours = encodeMemberMetadata({ version, topics, userData: data });
        const theirs = AssignerProtocol.MemberMetadata.encode({ version, topics, userData: Buffer.from(data) });
        expect(Buffer.from(ours).equals(theirs)).toBe(true);
        expect(decodeMemberMetadata(theirs)).toEqual({ version, topics, userData: Uint8Array.from(data) });
        const decodedByKafkajs = AssignerProtocol.MemberMetadata.decode(Buffer.from(ours));
        expect({ ...decodedByKafkajs, userData: Uint8Array.from(decodedByKafkajs!.userData) }).toEqual({ version, topics, userData: Uint8Array.from(data) });
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  test('userData defaults to empty bytes, as in KafkaJS', () => {
    const ours = encodeMemberMetadata({ version: 0, topics: ['orders', 'zahlungen-ü'] });
    expect(Buffer.from(ours).equals(AssignerProtocol.MemberMetadata.encode({ version: 0, topics: ['orders', 'zahlungen-ü'], userData: Buffer.alloc(0) }))).toBe(true);
  });
});

describe('MemberAssignment matches KafkaJS AssignerProtocol.MemberAssignment (seed 8)', () => {
  // Legal Kafka topic names ([a-zA-Z0-9._-]); '__proto__' is legal too, but KafkaJS's decoder
  // (Object.assign into a plain object) cannot represent it.
  const kafkaTopicName = fc.stringMatching(/^[a-zA-Z0-9._-]{1,20}$/).filter((name) => name !== '__proto__');
  const assignmentRecord = fc.dictionary(kafkaTopicName, fc.array(fc.integer({ min: -2147483648, max: 2147483647 }), { maxLength: 6 }), { maxKeys: 4, noNullPrototype: true });

  test('encodings are byte-identical (Object.keys order) and decode both ways', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), assignmentRecord, userData, (version, assignment, data) => {
        const ours = encodeMemberAssignment({ version, assignment, userData: data });
        const theirs = AssignerProtocol.MemberAssignment.encode({ version, assignment, userData: Buffer.from(data) });
        expect(Buffer.from(ours).equals(theirs)).toBe(true);
        const decoded = decodeMemberAssignment(theirs);
        expect(decoded).toEqual({ version, assignment: Object.keys(assignment).map((topic) => ({ topic, partitions: assignment[topic] })), userData: Uint8Array.from(data) });
        const decodedByKafkajs = AssignerProtocol.MemberAssignment.decode(Buffer.from(ours));
        expect(decodedByKafkajs?.assignment).toEqual(Object.fromEntries(Object.keys(assignment).map((topic) => [topic, assignment[topic]])));
      }),
      { seed: 8, numRuns: 200 },
    );
  });

  test('an empty buffer is "no assignment" (null), as KafkaJS decodes it', () => {
    expect(decodeMemberAssignment(new Uint8Array(0))).toBeNull();
    expect(AssignerProtocol.MemberAssignment.decode(Buffer.alloc(0))).toBeNull();
  });
});

describe('malformed buffers are errors naming the field and offset', () => {
  const good = encodeMemberAssignment({ version: 0, assignment: { orders: [0, 1, 2] } });
  test.each([
    ['truncated userData length', good.subarray(0, good.byteLength - 2), /userData length: needs 4 bytes, 2 left/],
    ['one byte', Uint8Array.of(0), /version: needs 2 bytes, 1 left \(at byte 0\)/],
    ['a topic count beyond the buffer', Uint8Array.of(0, 0, 0x7f, 0xff, 0xff, 0xff), /count 2147483647 does not fit/],
    ['a negative topic count', Uint8Array.of(0, 0, 0xff, 0xff, 0xff, 0xfe, 0, 0, 0, 0), /negative count -2/],
    ['a null topic name', Uint8Array.of(0, 0, 0, 0, 0, 1, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0), /null or negative length -1/],
    ['invalid UTF-8 in a topic', Uint8Array.of(0, 0, 0, 0, 0, 1, 0, 1, 0xc3, 0, 0, 0, 0, 0, 0, 0, 0), /invalid UTF-8/],
  ])('MemberAssignment: %s', (_, bytes, message) => {
    expect(() => decodeMemberAssignment(bytes)).toThrow(AssignerProtocolError);
    expect(() => decodeMemberAssignment(bytes)).toThrow(message);
  });

  test('MemberMetadata without its userData field', () => {
    const withoutUserData = Uint8Array.of(0, 0, 0, 0, 0, 1, 0, 1, 0x61);
    expect(() => decodeMemberMetadata(withoutUserData)).toThrow(/MemberMetadata userData length: needs 4 bytes, 0 left \(at byte 9\)/);
  });

  test('null arrays read as empty and null userData as null (KafkaJS Decoder.readArray / readBytes)', () => {
    expect(decodeMemberMetadata(Uint8Array.of(0, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff))).toEqual({ version: 1, topics: [], userData: null });
  });
});
