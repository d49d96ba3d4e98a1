// @nx/enforce-module-boundaries reads Nx's cached project graph and silently skips itself when there is none
// (a fresh clone). Compute the graph first so the boundary rule always runs, and fail loudly if it cannot.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
execFileSync(process.execPath, [path.join(root, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], {
  cwd: root,
  env: { ...process.env, NX_DAEMON: 'false' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
