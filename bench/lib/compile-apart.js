'use strict';
// V8 keeps one set of type feedback per function literal, shared by every
// closure created from it. Two builds of the library driven by the same loop
// code would therefore make each other's call sites polymorphic. Compiling a
// fresh copy of the source per use gives each its own feedback and code.

/**
 * A new copy of `fn` compiled from its source; `tag` makes the source unique so
 * V8's compilation cache cannot hand back the old copy. `fn` must not use
 * variables from its enclosing scope (pass everything as arguments).
 */
function compileApart(fn, tag) {
  return new Function(`'use strict'; // compiled apart: ${tag}\nreturn (${fn.toString()});`)();
}

module.exports = { compileApart };
