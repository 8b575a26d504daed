// Stacked census layers on one client call: clientOptions() plus
// clientInterceptor(), or two interceptors. grpc-js builds a call's whole
// chain synchronously inside the outermost interceptor's nextCall(): every
// layer below is created before nextCall() returns. So a layer that sees the
// count move during its own nextCall() has another census layer beneath it,
// and steps aside (the lowest layer, nearest the wire, measures best: the
// channel wrapper sees the serialized messages). No allocation per call.

let created = 0;

/** Called by each client census layer when it is created for a call. */
export function clientLayerCreated(): void {
  created++;
}

/** A mark to compare with `layersCreatedSince`. */
export function clientLayerMark(): number {
  return created;
}

/** Whether a client census layer was created since `mark`. */
export function layersCreatedSince(mark: number): boolean {
  return created !== mark;
}
