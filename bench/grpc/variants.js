'use strict';
// Which library, if any, each side of each variant runs, and which views it
// registers. Shared by the client and server processes of the gRPC section.
const { loadCensus } = require('../lib/census');

/** Modes whose `census` slot (and, in vs/a66, also the `bare` slot) is instrumented. */
const INSTRUMENTED_MODES = new Set(['census', 'census-als', 'vs', 'a66', 'tags', 'client-only', 'server-only']);

/**
 * `{ census, views }` for one side ('client' | 'server') of one variant
 * ('bare' | 'census') in `mode`; `{}` when that process stays bare grpc-js
 * (it then never loads the library). vs: the `bare` slot is the build in
 * `altDist`. a66: both slots instrumented by this build, the `bare` slot with
 * the OpenCensus views alone, the `census` slot with the gRFC A66 views too.
 * tags: bare clients sending a large grpc-tags-bin, the `census` server instrumented.
 * client-only / server-only: that side of the `census` variant instrumented,
 * everything else bare (splits the plugin's cost between the two sides).
 */
function viewsFor(side, variant, mode, altDist) {
  if (!INSTRUMENTED_MODES.has(mode)) return {};
  if (variant === 'bare' && (mode === 'census' || mode === 'census-als' || mode === 'tags' || mode === 'client-only' || mode === 'server-only')) return {};
  // tags: both clients bare (each sends the same large grpc-tags-bin), the `census` server instrumented.
  if ((mode === 'tags' || mode === 'server-only') && side === 'client') return {};
  if (mode === 'client-only' && side === 'server') return {};
  const census = mode === 'vs' && variant === 'bare' ? loadCensus(altDist) : loadCensus();
  const views = side === 'client' ? [...census.DefaultClientViews, ...census.ExtraClientViews] : [...census.DefaultServerViews, ...census.ExtraServerViews];
  if (mode === 'a66' && variant === 'census') views.push(...(side === 'client' ? census.A66ClientViews : census.A66ServerViews));
  return { census, views };
}

module.exports = { viewsFor };
