import type { ChannelInterface } from '@grpc/grpc-js';
import { A66ClientAttributes } from './a66-attributes';
import type { A66Host } from './a66-host';
import { observeAttempts } from './grpcjs/a66-attempts';
import { simulated } from './grpcjs/internals';
import { canonicalTarget, targetOfChannel } from './grpcjs/a66-target';
import { A66Attempt, attemptViewsRegistered } from './rpc/a66-attempt';

/**
 * gRFC A66 on one client channel: its attributes (canonical target, method
 * names) and its attempts, observed below the retry layer when grpc-js allows
 * (grpcjs/a66-attempts.ts). The per-call duration is the A66 sink's.
 */
export class A66Channel {
  readonly attributes: A66ClientAttributes;
  private lastClient: unknown;
  /** Whether grpc-js's attempts are observed; undefined until first asked. */
  private observing: boolean | undefined;

  constructor(
    private readonly inner: ChannelInterface,
    /** The target the client was created with, when known (channelFactoryOverride). */
    address: string | undefined,
    private readonly plugin: A66Host,
  ) {
    let channelTarget: string | undefined;
    try {
      channelTarget = inner.getTarget();
    } catch {
      channelTarget = undefined;
    }
    const target = address !== undefined ? canonicalTarget(address, channelTarget) : targetOfChannel(channelTarget);
    this.attributes = new A66ClientAttributes(target, plugin.methodAttributeFilter, (err) => plugin.internalError(err));
  }

  /**
   * Whether grpc-js's attempts are observed (false: each call then counts as
   * one attempt, rpc/a66-sink.ts). The first read starts observing them; the
   * A66 sink reads it only once an attempt view is registered, because an
   * observed channel puts a wrapper on every attempt it makes, views or not,
   * and changes an object of grpc-js's hot path. Calls begun before then have
   * no attempts recorded, as no attempt view could have recorded them.
   */
  get attemptsObserved(): boolean {
    if (this.observing === undefined) {
      const plugin = this.plugin;
      this.observing = observeAttempts(this.inner, (path) =>
        attemptViewsRegistered() ? new A66Attempt(plugin.stats, this.attributes.tagsFor(path), () => plugin.unavailable('clientAttempts')) : undefined,
      );
    }
    return this.observing;
  }

  /**
   * Learns the methods of the client a call is made through: grpc-js calls a
   * `callInvocationTransformer` as a method of the client (`this`), whose
   * class (makeClientConstructor / loadPackageDefinition) lists its methods
   * in its static `service`. A plain `grpc.Client` lists none: its calls are
   * generic. Without a client to look at, every method counts as registered.
   */
  learnClient(client: unknown): void {
    if (client === null || typeof client !== 'object' || simulated.clientStubs) {
      this.plugin.unavailable('clientStubs');
      this.attributes.registerAll();
      return;
    }
    // One client per channel is the rule (channelFactoryOverride): remembering the last one makes the common call a comparison.
    if (client === this.lastClient) return;
    this.lastClient = client;
    const ctor = (client as { constructor?: { service?: unknown } }).constructor;
    this.attributes.registerService(ctor?.service);
  }
}
