import type { Stats, View } from '../../views';
import {
  ClientCompletedRPCsView,
  ClientReceivedBytesPerRPCView,
  ClientReceivedMessagesPerRPCView,
  ClientRoundtripLatencyView,
  ClientSentBytesPerRPCView,
  ClientSentMessagesPerRPCView,
  ClientStartedRPCsView,
} from '../../grpc/spec/opencensus-client-views';
import {
  ServerCompletedRPCsView,
  ServerLatencyView,
  ServerReceivedBytesPerRPCView,
  ServerReceivedMessagesPerRPCView,
  ServerSentBytesPerRPCView,
  ServerSentMessagesPerRPCView,
  ServerStartedRPCsView,
} from '../../grpc/spec/opencensus-server-views';
import { KeyClientMethod, KeyClientStatus, KeyServerMethod, KeyServerStatus } from '../../grpc/spec/tag-keys';

// The page reads the OpenCensus gRPC views by name, as the gRPC spec tables
// define them (grpc/spec: declarative, engine-only, no grpc-js), so that the
// page works with views registered by any copy of the plugin.

/** Which end of an RPC a row describes. */
export type Side = 'server' | 'client';

/** Both sides, in the order the page shows them. */
export const SIDES: readonly Side[] = ['server', 'client'];

/** What one view contributes to the page. */
export type Role = 'completed' | 'started' | 'latency' | 'bytesIn' | 'bytesOut' | 'messagesIn' | 'messagesOut';

/** Every role, in the order the page lists missing views. */
export const ROLES: readonly Role[] = ['completed', 'started', 'latency', 'bytesIn', 'bytesOut', 'messagesIn', 'messagesOut'];

/** The spec's view of each role: a registered view of the same name must have its aggregation. */
const WANTED: Record<Side, Record<Role, View>> = {
  client: {
    completed: ClientCompletedRPCsView,
    started: ClientStartedRPCsView,
    latency: ClientRoundtripLatencyView,
    bytesIn: ClientReceivedBytesPerRPCView,
    bytesOut: ClientSentBytesPerRPCView,
    messagesIn: ClientReceivedMessagesPerRPCView,
    messagesOut: ClientSentMessagesPerRPCView,
  },
  server: {
    completed: ServerCompletedRPCsView,
    started: ServerStartedRPCsView,
    latency: ServerLatencyView,
    bytesIn: ServerReceivedBytesPerRPCView,
    bytesOut: ServerSentBytesPerRPCView,
    messagesIn: ServerReceivedMessagesPerRPCView,
    messagesOut: ServerSentMessagesPerRPCView,
  },
};

/** The columns that stay empty without a role's view, for the page's "missing views" note. */
const FEEDS: Record<Role, string> = {
  completed: 'calls, errors',
  started: 'in flight',
  latency: 'latency',
  bytesIn: 'bytes/s in',
  bytesOut: 'bytes/s out',
  messagesIn: 'messages/s in',
  messagesOut: 'messages/s out',
};

/** The tag keys (by name) holding the method and the status on each side. */
export const TAG_KEYS: Record<Side, { method: string; status: string }> = {
  client: { method: KeyClientMethod.name, status: KeyClientStatus.name },
  server: { method: KeyServerMethod.name, status: KeyServerStatus.name },
};

/** A view the page would use that is not registered (or registered with another shape). */
export interface MissingView {
  side: Side;
  view: string;
  /** The columns left empty, e.g. `'in flight'`. */
  feeds: string;
}

/** The registered views of one side, by role; roles without a usable view are absent. */
export type SideViews = Partial<Record<Role, View>>;

/**
 * Finds the views the page reads among `stats`' registered views. A view
 * counts only with the expected aggregation and the method tag key (and the
 * status tag key for completed RPCs): a same-named view of another shape
 * would give wrong numbers, so it is reported missing instead.
 */
export function resolveViews(stats: Stats): { views: Record<Side, SideViews>; missing: MissingView[] } {
  const byName = new Map(stats.registeredViews().map((v) => [v.name, v]));
  const views: Record<Side, SideViews> = { client: {}, server: {} };
  const missing: MissingView[] = [];
  for (const side of SIDES) {
    for (const role of ROLES) {
      const wanted = WANTED[side][role];
      const view = byName.get(wanted.name);
      if (view !== undefined && usable(view, wanted, side, role)) views[side][role] = view;
      else missing.push({ side, view: wanted.name, feeds: FEEDS[role] });
    }
  }
  return { views, missing };
}

function usable(view: View, wanted: View, side: Side, role: Role): boolean {
  const keys = view.tagKeys.map((k) => k.name);
  if (view.aggregation.type !== wanted.aggregation.type || !keys.includes(TAG_KEYS[side].method)) return false;
  return role !== 'completed' || keys.includes(TAG_KEYS[side].status);
}
