// Canonical upper-case names of gRPC status codes (grpc doc/statuscodes.md),
// as opencensus-go's statusCodeToString reports them. The same names on both
// sides: the client tags `grpc_client_status`, the server `grpc_server_status`.
const NAMES: readonly string[] = Object.freeze([
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS',
  'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED',
  'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED',
]);

/** Number of canonical codes: 0 (OK) … 16 (UNAUTHENTICATED). */
export const CANONICAL_CODES = NAMES.length;

/**
 * The status tag value of a status code as it came from the network or a
 * handler: its canonical name for 0–16; `CODE_<n>` for any other integer (as
 * opencensus-go); `UNKNOWN` for anything that is not an integer (a raw
 * `grpc-status: abc`, a missing code).
 */
export function statusName(code: unknown): string {
  if (typeof code !== 'number' || !Number.isInteger(code)) return 'UNKNOWN';
  return NAMES[code] ?? `CODE_${code}`;
}

/** True for 0–16. Anything else is counted as `grpc.nonCanonicalStatus` in diagnostics. */
export function isCanonical(code: unknown): boolean {
  return typeof code === 'number' && Number.isInteger(code) && code >= 0 && code < CANONICAL_CODES;
}

/** gRPC status codes the plugin itself produces. */
export const Code = { OK: 0, CANCELLED: 1, UNKNOWN: 2, DEADLINE_EXCEEDED: 4, RESOURCE_EXHAUSTED: 8, INTERNAL: 13, UNAVAILABLE: 14 } as const;
