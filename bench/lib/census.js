'use strict';
// The library under test, as users get it: the compiled package in dist/.
const path = require('node:path');

/** This checkout's build, unless GRPC_CENSUS_DIST names another one (e.g. a prototype). */
const DIST = process.env.GRPC_CENSUS_DIST || path.join(__dirname, '..', '..', 'dist');

/**
 * `require('grpc-census')` from this checkout's dist/ (or from `dir`, another
 * build of the package, e.g. a prototype to compare against); explains how to
 * build it when missing.
 */
function loadCensus(dir = DIST) {
  try {
    return require(path.resolve(dir));
  } catch (err) {
    if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes(path.resolve(dir))) {
      throw new Error('dist/ is missing: run `npm run build` (or `npm run bench`, which builds first)');
    }
    throw err;
  }
}

module.exports = { loadCensus, DIST };
