// The architecture's boundaries are enforced by lint (ARCHITECTURE.md, STYLE.md): this proves the rules bite.
// ESLint runs in a child process: its flat config is an ES module, which jest's VM cannot import.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const eslintBin = path.join(root, 'node_modules/eslint/bin/eslint.js');

interface EslintResult {
  messages: { ruleId: string | null; message: string; severity: number }[];
}

async function errorsFor(file: string, code: string): Promise<string[]> {
  const run = spawnSync(process.execPath, [eslintBin, '--format', 'json', '--stdin', '--stdin-filename', path.join(root, file)], {
    cwd: root,
    input: code,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`eslint failed: ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as EslintResult[];
  return result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('module boundaries', () => {
  beforeAll(() => {
    // the rule needs Nx's project graph (see tools/lint/project-graph.js)
    const graph = spawnSync(process.execPath, [path.join(root, 'tools/lint/project-graph.js')], { cwd: root, encoding: 'utf8' });
    if (graph.status !== 0) throw new Error(`cannot compute the Nx project graph: ${graph.stderr}`);
  });

  it.each(['kafkajs', 'typeorm', '@nestjs/common', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'])(
    'workflow code may not import %s',
    async (pkg) => {
      const errors = await errorsFor('workflows/src/probe.ts', `import * as x from '${pkg}';\nexport const y = x;\n`);
      expect(errors.join('\n')).toMatch(/enforce-module-boundaries.*not allowed to import/);
    },
  );

  it('workflow code may not import I/O libs of the workspace', async () => {
    const errors = await errorsFor('workflows/src/probe.ts', `import { createDataSource } from '@huiying/persistence';\nexport const y = createDataSource;\n`);
    expect(errors.join('\n')).toMatch(/enforce-module-boundaries/);
  });

  it('workflow code imports only the workflow-safe entry of contracts', async () => {
    const errors = await errorsFor('workflows/src/probe.ts', `import { SubmitReportDto } from '@huiying/contracts';\nexport const y = SubmitReportDto;\n`);
    expect(errors.join('\n')).toMatch(/no-restricted-imports/);
  });

  it('an app may not import another app', async () => {
    const errors = await errorsFor('apps/intake/src/probe.ts', `import * as l from '@huiying/ledger';\nexport const y = l;\n`);
    expect(errors.join('\n')).toMatch(/enforce-module-boundaries/);
  });

  it('an app other than the worker may not import workflow code', async () => {
    const errors = await errorsFor('apps/routing/src/probe.ts', `import { opinionCaseWorkflow } from '@huiying/workflows';\nexport const y = opinionCaseWorkflow;\n`);
    expect(errors.join('\n')).toMatch(/scope:routing.*scope:shared/);
  });

  it('the worker may import workflows and the domain libs may not import platform code', async () => {
    expect(await errorsFor('apps/worker/src/probe.ts', `import { opinionCaseWorkflow } from '@huiying/workflows';\nexport const y = opinionCaseWorkflow;\n`)).toEqual([]);
    const errors = await errorsFor('libs/calendar/src/probe.ts', `import { createLogger } from '@huiying/platform';\nexport const y = createLogger;\n`);
    expect(errors.join('\n')).toMatch(/type:domain/);
  });
});
