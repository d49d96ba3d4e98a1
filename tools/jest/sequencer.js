// Test order: stable (by path), then fault tests (*.fault.integration-spec.ts: they stop and start real components),
// then bulk tests (*.bulk.integration-spec.ts) last. A bulk test floods the stack (thousands of cases → thousands of
// workflows); run before the others, its backlog would slow every later test.
const Sequencer = require('@jest/test-sequencer').default;

// With several workers (npm test runs the ordinary integration tests two at a time), the tests that mostly wait —
// a published policy's 1-minute clocks, the access tests' key expiry — start first, so the others fill the time
// beside them instead of after them.
const WAITING = /(published-policy|temporal-ui-queries|access)\.integration-spec\.ts$/;

class HuiyingSequencer extends Sequencer {
  sort(tests) {
    const rank = (t) => (/\.bulk\.integration-spec\.ts$/.test(t.path) ? 3 : /\.fault\.integration-spec\.ts$/.test(t.path) ? 2 : WAITING.test(t.path) ? 0 : 1);
    return [...tests].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  }
}

module.exports = HuiyingSequencer;
