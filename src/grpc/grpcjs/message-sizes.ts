// Server-side message sizes without a second serialization. createServer
// wraps each method's serializers: the wrappers note the length of the Buffer
// grpc-js itself produced or parsed, and the server interceptor reads it.
//  - responseSerialize runs synchronously inside the interceptor's call to
//    the next sendMessage, so one module-wide slot is enough (Node runs one
//    call's code at a time).
//  - requestDeserialize runs in grpc-js's read queue, before the message
//    reaches the interceptor, possibly interleaved with other calls, so the
//    size is keyed by the message object. A message is usually delivered
//    right after it is parsed (always for a unary request), so the last one
//    waits in a one-entry slot; only a message pushed out of the slot before
//    it is delivered goes to a WeakMap (no leak, no cleanup). WeakMap.set
//    per message was the largest item of the plugin's own server CPU.

const SIZED = Symbol('grpc-census.sized');
type Sized = { [SIZED]?: true };

/** No serialization ran since `resetSerialized()`. */
export const NOT_SERIALIZED = -1;
/** The serializer threw (grpc-js then ends the call with INTERNAL itself). */
export const SERIALIZE_FAILED = -2;

let lastSerialized = NOT_SERIALIZED;
const receivedSizes = new WeakMap<object, number>();
// The last parsed message not yet delivered, and its size.
let slotMessage: object | undefined;
let slotSize = 0;
// A deserializer may return a primitive, which a WeakMap cannot key.
let lastPrimitive: unknown;
let lastPrimitiveSize = NaN;

/** `serialize`, also noting the length of each Buffer it returns. */
export function sizedSerializer<T>(serialize: (value: T) => Buffer): (value: T) => Buffer {
  if (typeof serialize !== 'function' || (serialize as Sized)[SIZED]) return serialize;
  const wrapped = (value: T): Buffer => {
    lastSerialized = SERIALIZE_FAILED;
    const buf = serialize(value);
    lastSerialized = buf.length;
    return buf;
  };
  (wrapped as Sized)[SIZED] = true;
  return wrapped;
}

/** `deserialize`, also noting the length of each Buffer it parses, keyed by the message it returns. */
export function sizedDeserializer<T>(deserialize: (buf: Buffer) => T): (buf: Buffer) => T {
  if (typeof deserialize !== 'function' || (deserialize as Sized)[SIZED]) return deserialize;
  const wrapped = (buf: Buffer): T => {
    const message = deserialize(buf);
    if ((typeof message === 'object' && message !== null) || typeof message === 'function') {
      if (slotMessage !== undefined) receivedSizes.set(slotMessage, slotSize);
      slotMessage = message as object;
      slotSize = buf.length;
    } else {
      lastPrimitive = message;
      lastPrimitiveSize = buf.length;
    }
    return message;
  };
  (wrapped as Sized)[SIZED] = true;
  return wrapped;
}

/** True for a serializer made by `sizedSerializer`/`sizedDeserializer`. */
export function isSized(fn: unknown): boolean {
  return typeof fn === 'function' && (fn as Sized)[SIZED] === true;
}

/** Call before handing a message to grpc-js. */
export function resetSerialized(): void {
  lastSerialized = NOT_SERIALIZED;
}

/** The serialized size since `resetSerialized()`, or `NOT_SERIALIZED` / `SERIALIZE_FAILED`. */
export function takeSerialized(): number {
  const n = lastSerialized;
  lastSerialized = NOT_SERIALIZED;
  return n;
}

/** The serialized size of a received message, NaN if unknown. */
export function receivedSize(message: unknown): number {
  if ((typeof message === 'object' && message !== null) || typeof message === 'function') {
    if (message === slotMessage) {
      slotMessage = undefined;
      return slotSize;
    }
    return receivedSizes.get(message as object) ?? NaN;
  }
  return message === lastPrimitive ? lastPrimitiveSize : NaN;
}
