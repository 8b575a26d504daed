import type { ChannelInterface } from '@grpc/grpc-js';
import type { Stats } from '../views/stats';
import { A66ClientAttributes, type A66MethodTags, type MethodFilter } from './a66-attributes';
import { observeAttempts } from './grpcjs/a66-attempts';
import { canonicalTarget } from './grpcjs/a66-target';
import { A66Attempt, attemptViewsRegistered } from './rpc/a66-attempt';
import { A66ClientCallDuration } from './spec/a66-measures';

/** What the A66 client side needs of the plugin. */
export interface A66ClientPlugin {
  readonly stats: Stats;
  readonly methodAttributeFilter: MethodFilter;
  /** Counts an unexpected failure (a throwing filter). */
  internalError(err: unknown): void;
  /** Reports, once, that a grpc-js internal is unavailable and its fallback is in use. */
  unavailable(name: 'clientAttempts' | 'clientStubs'): void;
}

/**
 * gRFC A66 on one client channel: its attributes (canonical target, method
 * names), its attempts (observed below the retry layer when grpc-js allows,
 * see grpcjs/a66-attempts.ts) and the per-call duration.
 */
export class A66Channel {
  readonly attributes: A66ClientAttributes;
  /** False when attempts cannot be seen: each call then counts as one attempt (see `callEnded`). */
  readonly attemptsObserved: boolean;
  private lastClient: unknown;

  constructor(
    inner: ChannelInterface,
    /** The target the client was created with, when known (channelFactoryOverride). */
    address: string | undefined,
    private readonly plugin: A66ClientPlugin,
  ) {
    let channelTarget: string | undefined;
    try {
      channelTarget = inner.getTarget();
    } catch {
      channelTarget = undefined;
    }
    const target = address !== undefined ? canonicalTarget(address, channelTarget) : canonicalTarget(channelTarget ?? 'unknown', channelTarget);
    this.attributes = new A66ClientAttributes(target, plugin.methodAttributeFilter, (err) => plugin.internalError(err));
    this.attemptsObserved = observeAttempts(inner, (path) =>
      attemptViewsRegistered() ? new A66Attempt(plugin.stats, this.attributes.tagsFor(path), () => plugin.unavailable('clientAttempts')) : undefined,
    );
    if (!this.attemptsObserved) plugin.unavailable('clientAttempts');
  }

  /**
   * Learns the methods of the client a call is made through: grpc-js calls a
   * `callInvocationTransformer` as a method of the client (`this`), whose
   * class (makeClientConstructor / loadPackageDefinition) lists its methods
   * in its static `service`. A plain `grpc.Client` lists none: its calls are
   * generic. Without a client to look at, every method counts as registered.
   */
  learnClient(client: unknown): void {
    if (client === null || typeof client !== 'object') {
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

  /** The call's tag maps, when an A66 call view may record; undefined otherwise (nothing to do). */
  callStarted(path: string): A66MethodTags | undefined {
    if (A66ClientCallDuration._viewCount === 0 && (this.attemptsObserved || !attemptViewsRegistered())) return undefined;
    const tags = this.attributes.tagsFor(path);
    return tags;
  }
}
