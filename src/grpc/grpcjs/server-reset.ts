import type { ServerInterceptingCallInterface } from '@grpc/grpc-js';
import type { Rpc } from '../rpc/rpc';
import { Code } from '../spec/status-names';

// The client's RST for an expired deadline can reach the server slightly
// before the server's own deadline timer fires.
const DEADLINE_SLACK_MS = 50;

/**
 * Ends `rpc` of a server call whose stream was reset before any status was
 * written: by the client (cancel, or its deadline), or a server shutting
 * down. HTTP/2 does not say which (a grpc-js client sends RST_STREAM CANCEL
 * for both), so: DEADLINE_EXCEEDED once the call's deadline has passed
 * (50 ms slack), else CANCELLED.
 */
export function endReset(rpc: Rpc, call: ServerInterceptingCallInterface): void {
  const d = call.getDeadline();
  const deadline = d instanceof Date ? d.getTime() : d;
  const expired = deadline !== Infinity && Date.now() >= deadline - DEADLINE_SLACK_MS;
  rpc.end(expired ? Code.DEADLINE_EXCEEDED : Code.CANCELLED, expired ? 'Deadline exceeded' : 'Cancelled', performance.now());
}
