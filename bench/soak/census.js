'use strict';
// The library as users get it: the compiled package (npm run soak builds it first).
const path = require('node:path');

function loadCensus() {
  const dist = path.join(__dirname, '..', '..', 'dist');
  try {
    return require(dist);
  } catch (err) {
    if (err && err.code === 'MODULE_NOT_FOUND') throw new Error('dist/ is missing: run `npm run build` (npm run soak does)');
    throw err;
  }
}

/** The package with all 15 gRPC views registered on its process-wide `stats`. */
function censusWithAllViews() {
  const census = loadCensus();
  census.stats.registerView(...census.DefaultClientViews, ...census.ExtraClientViews, ...census.DefaultServerViews, ...census.ExtraServerViews);
  return census;
}

module.exports = { censusWithAllViews };
