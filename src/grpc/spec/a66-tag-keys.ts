import { TagKey } from '../../tags';

// The attributes of gRFC A66 (grpc/proposal A66-otel-stats.md), as tag keys
// of the A66 views. The OpenCensus keys (grpc_client_method, …) stay apart:
// the two view sets never share a key.

/** `pkg.Service/Method` (no leading slash), or `other` for unregistered and generic methods and those `methodAttributeFilter` rejects. */
export const KeyGrpcMethod: TagKey = TagKey.of('grpc.method');
/** The status code name the call ended with, e.g. `OK`, `UNAVAILABLE` (`CODE_<n>` for a non-canonical code). */
export const KeyGrpcStatus: TagKey = TagKey.of('grpc.status');
/** Client only: the channel's canonical target URI, e.g. `dns:///localhost:50051`. */
export const KeyGrpcTarget: TagKey = TagKey.of('grpc.target');
