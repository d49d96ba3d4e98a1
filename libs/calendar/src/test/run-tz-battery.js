// Child-process entry: loads the TypeScript sources through @swc/core and prints the battery's result plus the
// process's local UTC offset (to prove the TZ setting took effect).
const fs = require('fs');
const path = require('path');
const swc = require('@swc/core');
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
const { tzBattery } = require(path.join(__dirname, 'tz-battery.ts'));
process.stdout.write(JSON.stringify({ offset: new Date(2026, 0, 1).getTimezoneOffset(), result: tzBattery() }));
