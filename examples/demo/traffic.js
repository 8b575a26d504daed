'use strict';
// A steady mix of calls: mostly good unary calls, some errors and deadlines, some streams.
const WORDS = ['census', 'grpc', 'prometheus', 'view', 'measure', 'tag', 'bucket', 'latency'];

function sentence(n) {
  return Array.from({ length: n }, () => WORDS[Math.floor(Math.random() * WORDS.length)]).join(' ');
}

function unary(client, text, deadlineMs) {
  return new Promise((resolve) => client.Capitalize({ data: Buffer.from(text) }, { deadline: Date.now() + deadlineMs }, () => resolve()));
}

function stream(client, text) {
  return new Promise((resolve) => {
    const call = client.CapitalizeWords({ data: Buffer.from(text) });
    call.on('data', () => {});
    call.on('error', () => resolve());
    call.on('end', () => resolve());
  });
}

/** One call of the mix: 80% good unary, 8% INVALID_ARGUMENT, 2% DEADLINE_EXCEEDED, 10% streaming. */
function oneCall(client) {
  const r = Math.random();
  if (r < 0.8) return unary(client, sentence(1 + Math.floor(Math.random() * 40)), 1000);
  if (r < 0.88) return unary(client, '', 1000);
  if (r < 0.9) return unary(client, 'slow', 30);
  return stream(client, sentence(3 + Math.floor(Math.random() * 5)));
}

/**
 * Starts `rate` calls per second, at most `maxInFlight` at once, until stop()
 * is called; stop() resolves when the calls in flight have finished.
 */
function startTraffic(client, { rate = 50, maxInFlight = 16 } = {}) {
  let inFlight = 0;
  let stopped = false;
  let drained = () => {};
  const timer = setInterval(() => {
    if (stopped || inFlight >= maxInFlight) return;
    inFlight++;
    oneCall(client).then(() => {
      inFlight--;
      if (stopped && inFlight === 0) drained();
    });
  }, 1000 / rate);
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      return inFlight === 0 ? Promise.resolve() : new Promise((resolve) => (drained = resolve));
    },
  };
}

module.exports = { startTraffic };
