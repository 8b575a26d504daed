'use strict';
// Which library, if any, each side of each variant runs, and which views it
// registers. Shared by the client and server processes of the gRPC section.
const { loadCensus } = require('../lib/census');

/** Modes whose `census` slot (and, in vs/a66, also the `bare` slot) is instrumented. */
const INSTRUMENTED_MODES = new Set(['census', 'census-als', 'vs', 'a66', 'tags', 'client-only', 'server-only', 'client-no-views', 'server-no-views']);
/** Modes in which only the `census` variant's client is instrumented. */
const CLIENT_ONLY_MODES = new Set(['client-only', 'client-no-views']);
/** Modes in which only the `census` variant's server is instrumented. */
const SERVER_ONLY_MODES = new Set(['server-only', 'server-no-views']);
/** Per side, the modes whose `census` variant has a layer that only forwards on that side (layers.js). */
const FORWARDING_MODES = { client: new Set(['layers', 'client-layers']), server: new Set(['layers', 'server-layers']) };

/** Every OpenCensus view of one side ('client' | 'server'): the default ones and the extra ones. */
function sideViews(census, side) {
  return side === 'client' ? [...census.DefaultClientViews, ...census.ExtraClientViews] : [...census.DefaultServerViews, ...census.ExtraServerViews];
}

/** Whether this side of `variant` is a layer that only forwards, measuring nothing. */
function forwards(side, variant, mode) {
  return variant === 'census' && FORWARDING_MODES[side].has(mode);
}

/**
 * `{ census, views }` for one side ('client' | 'server') of one variant
 * ('bare' | 'census') in `mode`; `{}` when that process stays bare grpc-js
 * (it then never loads the library). vs: the `bare` slot is the build in
 * `altDist`. a66: both slots instrumented by this build, the `bare` slot with
 * the OpenCensus views alone, the `census` slot with the gRFC A66 views too.
 * tags: bare clients sending a large grpc-tags-bin, the `census` server instrumented.
 * client-only / server-only: that side of the `census` variant instrumented,
 * everything else bare (splits the plugin's cost between the two sides).
 * client-no-views / server-no-views: as client-only / server-only, but no
 * view is registered, so that side runs the plugin's wiring and per-RPC state
 * machine and records nothing.
 */
function viewsFor(side, variant, mode, altDist) {
  if (!INSTRUMENTED_MODES.has(mode)) return {};
  if (variant === 'bare' && (mode === 'census' || mode === 'census-als' || mode === 'tags' || SERVER_ONLY_MODES.has(mode) || CLIENT_ONLY_MODES.has(mode))) return {};
  // tags: both clients bare (each sends the same large grpc-tags-bin), the `census` server instrumented.
  if ((mode === 'tags' || SERVER_ONLY_MODES.has(mode)) && side === 'client') return {};
  if (CLIENT_ONLY_MODES.has(mode) && side === 'server') return {};
  const census = mode === 'vs' && variant === 'bare' ? loadCensus(altDist) : loadCensus();
  if (mode === 'client-no-views' || mode === 'server-no-views') return { census, views: [] };
  const views = sideViews(census, side);
  if (mode === 'a66' && variant === 'census') views.push(...(side === 'client' ? census.A66ClientViews : census.A66ServerViews));
  return { census, views };
}

module.exports = { viewsFor, sideViews, forwards };
