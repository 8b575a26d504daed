'use strict';
// Bytes allocated on the V8 heap during a window. Node 20 has no allocation
// counter, but v8.GCProfiler reports the used heap size before and after every
// GC: allocation = growth between GCs, summed (garbage collected in a GC is
// not subtracted). Checked against objects of known size: { a, b, c } reads
// 48 bytes, new Array(254) 2,095 (Node builds have no pointer compression).
// Off-heap memory (Buffers, ArrayBuffer backing stores) is not included.
const v8 = require('node:v8');

class AllocMeter {
  start() {
    this.profiler = new v8.GCProfiler();
    this.profiler.start();
    this.used0 = v8.getHeapStatistics().used_heap_size;
  }

  /** Bytes allocated since `start()`; `gcUs` is then the time the GCs of the window took (µs). */
  stop() {
    const used1 = v8.getHeapStatistics().used_heap_size;
    const { statistics } = this.profiler.stop();
    let allocated = 0;
    let prev = this.used0;
    this.gcUs = 0;
    for (const gc of statistics) {
      allocated += gc.beforeGC.heapStatistics.usedHeapSize - prev;
      prev = gc.afterGC.heapStatistics.usedHeapSize;
      this.gcUs += gc.cost;
    }
    return allocated + used1 - prev;
  }
}

module.exports = { AllocMeter };
