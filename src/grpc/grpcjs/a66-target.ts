// gRFC A66's grpc.target: "the target URI used when creating the channel, in
// canonical form: with the scheme if the user didn't mention the scheme",
// e.g. `localhost:50051` → `dns:///localhost:50051`, while `dns:///h:1`,
// `unix:/run/s.sock` or `xds:///svc` stay as written.
//
// grpc-js parses a target with the grammar below (its uri-parser.ts) and,
// when the scheme is not one of its registered resolvers, prepends its
// default scheme `dns` as `dns:<target>` (no `//`: Channel.getTarget() then
// says `dns:localhost:50051`, which is not A66's form). So: a target whose
// scheme grpc-js kept is canonical as written; any other gets `dns:///`.

const URI = /^(?:([A-Za-z0-9+.-]+):)?(?:\/\/([^/]*)\/)?(.+)$/;

/** The resolver schemes grpc-js itself registers (1.10–1.14). */
const BUILT_IN_SCHEMES = new Set(['dns', 'ipv4', 'ipv6', 'unix']);

/**
 * The canonical target of a channel created for `address`. `channelTarget`
 * is what the channel reports (`Channel.getTarget()`), when known: a scheme
 * grpc-js kept there (e.g. one registered by @grpc/grpc-js-xds) is a scheme
 * the user mentioned.
 */
export function canonicalTarget(address: string, channelTarget?: string): string {
  const scheme = URI.exec(address)?.[1];
  if (scheme !== undefined && (BUILT_IN_SCHEMES.has(scheme) || channelTarget?.startsWith(`${scheme}:`) === true)) return address;
  return `dns:///${address}`;
}

/**
 * The canonical target of a channel known only by what it reports
 * (`Channel.getTarget()`, e.g. a `channelOverride`): grpc-js reports a target
 * it gave the default scheme as `dns:<target>`, so that form becomes
 * `dns:///<target>`. `unknown` when the channel reports nothing.
 */
export function targetOfChannel(channelTarget: string | undefined): string {
  if (channelTarget === undefined || channelTarget === '') return 'unknown';
  if (channelTarget.startsWith('dns:') && !channelTarget.startsWith('dns://')) return `dns:///${channelTarget.slice(4)}`;
  return channelTarget;
}
