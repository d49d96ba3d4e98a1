// Test order: stable (by path), then fault tests (*.fault.integration-spec.ts: they stop and start real components),
// then bulk tests (*.bulk.integration-spec.ts) last. A bulk test floods the stack (thousands of cases → thousands of
// workflows); run before the others, its backlog would slow every later test.
const Sequencer = require('@jest/test-sequencer').default;

class HuiyingSequencer extends Sequencer {
  sort(tests) {
    const rank = (t) => (/\.bulk\.integration-spec\.ts$/.test(t.path) ? 2 : /\.fault\.integration-spec\.ts$/.test(t.path) ? 1 : 0);
    return [...tests].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  }
}

module.exports = HuiyingSequencer;
