import { TagKey } from '../../tags';

// The tag keys of opencensus-go's ocgrpc plugin (plugin/ocgrpc/stats_common.go).

/** The client method, `pkg.Service/Method` (no leading slash), on every client measurement. */
export const KeyClientMethod: TagKey = TagKey.of('grpc_client_method');
/** The final status of a client RPC, e.g. `OK`, `DEADLINE_EXCEEDED`, `CODE_42`; on end-of-RPC measurements. */
export const KeyClientStatus: TagKey = TagKey.of('grpc_client_status');
/** The server method, `pkg.Service/Method`; also part of the handler's tag context. */
export const KeyServerMethod: TagKey = TagKey.of('grpc_server_method');
/** The final status of a server RPC; on end-of-RPC measurements. */
export const KeyServerStatus: TagKey = TagKey.of('grpc_server_status');
