// Test order: stable (by path), with bulk tests (*.bulk.integration-spec.ts) last. A bulk test floods the stack
// (thousands of cases → thousands of workflows); run before the others, its backlog would slow every later test.
const Sequencer = require('@jest/test-sequencer').default;

class HuiyingSequencer extends Sequencer {
  sort(tests) {
    const bulk = (t) => (/\.bulk\.integration-spec\.ts$/.test(t.path) ? 1 : 0);
    return [...tests].sort((a, b) => bulk(a) - bulk(b) || a.path.localeCompare(b.path));
  }
}

module.exports = HuiyingSequencer;
