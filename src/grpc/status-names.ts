// Canonical upper-case names of gRPC status codes (grpc doc/statuscodes.md),
// as opencensus-go's statusCodeToString reports them.
const NAMES: readonly string[] = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS',
  'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED',
  'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED',
];

/** The status tag value of `code`: its canonical name, or `CODE_<n>` for a code gRPC does not define. */
export function statusName(code: number): string {
  return (Number.isInteger(code) && NAMES[code]) || `CODE_${code}`;
}

/** gRPC status codes the plugin itself produces. */
export const Code = { OK: 0, CANCELLED: 1, UNKNOWN: 2, DEADLINE_EXCEEDED: 4, INTERNAL: 13 } as const;
