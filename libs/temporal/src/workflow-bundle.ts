import path from 'node:path';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { WORKFLOW_TRACING_INTERCEPTORS } from './tracing';

/**
 * Workspace aliases (tsconfig.base.json "paths") as exact-match webpack aliases to the sources.
 * The Temporal bundler does not read tsconfig paths; this hook teaches it, so workflow code imports
 * @huiying/calendar, @huiying/policy and @huiying/contracts/workflow like every other project.
 */
export function workspaceAliases(workspaceRoot: string): Record<string, string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const base = require(path.join(workspaceRoot, 'tsconfig.base.json')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  return Object.fromEntries(
    Object.entries(base.compilerOptions.paths).map(([alias, [target]]) => [`${alias}$`, path.join(workspaceRoot, target)]),
  );
}

export function findWorkspaceRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    try { if (require(path.join(dir, 'package.json')).name === 'huiying') return dir; } catch { /* keep climbing */ }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no workspace root above ${from}`);
    dir = parent;
  }
}

/**
 * Bundles the workflows for a Worker (`workflowBundle`), resolving workspace aliases to sources, with the SDK's
 * OpenTelemetry workflow interceptors (their spans leave through the worker's `exporter` sink: workflowTraceSinks).
 */
export async function bundleWorkflows(workflowsPath: string, workspaceRoot = findWorkspaceRoot()): Promise<WorkflowBundleWithSourceMap> {
  const alias = workspaceAliases(workspaceRoot);
  return bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: [WORKFLOW_TRACING_INTERCEPTORS],
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string>), ...alias } },
    }),
  });
}
