import type { AggregationType, Stats, View } from '../../views';

// The page reads the OpenCensus gRPC views by name. The names and tag keys are
// the spec's (opencensus-go plugin/ocgrpc), spelled out here so that this
// exporter depends on the view data only, not on the gRPC plugin's modules.

/** Which end of an RPC a row describes. */
export type Side = 'server' | 'client';

/** Both sides, in the order the page shows them. */
export const SIDES: readonly Side[] = ['server', 'client'];

/** What one view contributes to the page. */
export type Role = 'completed' | 'started' | 'latency' | 'bytesIn' | 'bytesOut' | 'messagesIn' | 'messagesOut';

/** Every role, in the order the page lists missing views. */
export const ROLES: readonly Role[] = ['completed', 'started', 'latency', 'bytesIn', 'bytesOut', 'messagesIn', 'messagesOut'];

interface Wanted {
  readonly view: string;
  readonly aggregation: AggregationType;
  /** The columns that stay empty without it, for the page's "missing views" note. */
  readonly feeds: string;
}

const WANTED: Record<Side, Record<Role, Wanted>> = {
  client: {
    completed: { view: 'grpc.io/client/completed_rpcs', aggregation: 'count', feeds: 'calls, errors' },
    started: { view: 'grpc.io/client/started_rpcs', aggregation: 'count', feeds: 'in flight' },
    latency: { view: 'grpc.io/client/roundtrip_latency', aggregation: 'distribution', feeds: 'latency' },
    bytesIn: { view: 'grpc.io/client/received_bytes_per_rpc', aggregation: 'distribution', feeds: 'bytes/s in' },
    bytesOut: { view: 'grpc.io/client/sent_bytes_per_rpc', aggregation: 'distribution', feeds: 'bytes/s out' },
    messagesIn: { view: 'grpc.io/client/received_messages_per_rpc', aggregation: 'distribution', feeds: 'messages/s in' },
    messagesOut: { view: 'grpc.io/client/sent_messages_per_rpc', aggregation: 'distribution', feeds: 'messages/s out' },
  },
  server: {
    completed: { view: 'grpc.io/server/completed_rpcs', aggregation: 'count', feeds: 'calls, errors' },
    started: { view: 'grpc.io/server/started_rpcs', aggregation: 'count', feeds: 'in flight' },
    latency: { view: 'grpc.io/server/server_latency', aggregation: 'distribution', feeds: 'latency' },
    bytesIn: { view: 'grpc.io/server/received_bytes_per_rpc', aggregation: 'distribution', feeds: 'bytes/s in' },
    bytesOut: { view: 'grpc.io/server/sent_bytes_per_rpc', aggregation: 'distribution', feeds: 'bytes/s out' },
    messagesIn: { view: 'grpc.io/server/received_messages_per_rpc', aggregation: 'distribution', feeds: 'messages/s in' },
    messagesOut: { view: 'grpc.io/server/sent_messages_per_rpc', aggregation: 'distribution', feeds: 'messages/s out' },
  },
};

/** The tag keys (by name) holding the method and the status on each side. */
export const TAG_KEYS: Record<Side, { method: string; status: string }> = {
  client: { method: 'grpc_client_method', status: 'grpc_client_status' },
  server: { method: 'grpc_server_method', status: 'grpc_server_status' },
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
      const view = byName.get(wanted.view);
      if (view !== undefined && usable(view, wanted, side, role)) views[side][role] = view;
      else missing.push({ side, view: wanted.view, feeds: wanted.feeds });
    }
  }
  return { views, missing };
}

function usable(view: View, wanted: Wanted, side: Side, role: Role): boolean {
  const keys = view.tagKeys.map((k) => k.name);
  if (view.aggregation.type !== wanted.aggregation || !keys.includes(TAG_KEYS[side].method)) return false;
  return role !== 'completed' || keys.includes(TAG_KEYS[side].status);
}
