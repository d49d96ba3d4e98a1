import { ACCESS_METADATA, type AccessRule } from './access.decorators';
import { AccessModule } from './access.module';

const PATH_METADATA = 'path';
const METHOD_METADATA = 'method';
const PATTERN_METADATA = 'microservices:pattern';

type ModuleLike = (new (...a: never[]) => unknown) | { module: new (...a: never[]) => unknown; imports?: unknown[]; controllers?: unknown[] };

export interface RouteRule {
  controller: string;
  handler: string;
  rule: AccessRule | undefined;
}

/** Every controller handler (REST route or gRPC method) reachable from a Nest module, with its access rule. */
export function routeRules(root: unknown): { routes: RouteRule[]; accessModuleImported: boolean } {
  const seen = new Set<unknown>();
  const controllers = new Set<new (...a: never[]) => unknown>();
  let accessModuleImported = false;
  const visit = (m: unknown) => {
    if (!m || seen.has(m)) return;
    seen.add(m);
    const mod = m as ModuleLike;
    const cls = typeof mod === 'function' ? mod : mod.module;
    if (cls === AccessModule) accessModuleImported = true;
    const imports = [...((Reflect.getMetadata('imports', cls) as unknown[]) ?? []), ...(typeof mod === 'function' ? [] : (mod.imports ?? []))];
    const ctrls = [...((Reflect.getMetadata('controllers', cls) as unknown[]) ?? []), ...(typeof mod === 'function' ? [] : (mod.controllers ?? []))];
    ctrls.forEach((c) => controllers.add(c as new (...a: never[]) => unknown));
    imports.forEach(visit);
  };
  visit(root);
  const routes: RouteRule[] = [];
  for (const c of controllers) {
    const classRule = Reflect.getMetadata(ACCESS_METADATA, c) as AccessRule | undefined;
    for (const name of Object.getOwnPropertyNames(c.prototype)) {
      if (name === 'constructor') continue;
      const fn = (c.prototype as Record<string, unknown>)[name];
      if (typeof fn !== 'function') continue;
      const isRoute = Reflect.getMetadata(PATH_METADATA, fn) !== undefined && Reflect.getMetadata(METHOD_METADATA, fn) !== undefined;
      const isRpc = Reflect.getMetadata(PATTERN_METADATA, fn) !== undefined;
      if (!isRoute && !isRpc) continue;
      routes.push({ controller: c.name, handler: name, rule: (Reflect.getMetadata(ACCESS_METADATA, fn) as AccessRule | undefined) ?? classRule });
    }
  }
  return { routes, accessModuleImported };
}

/** Handlers that declare neither @RequireScope nor @Public (a test fails on any). */
export function undeclaredRoutes(root: unknown): string[] {
  return routeRules(root)
    .routes.filter((r) => !r.rule)
    .map((r) => `${r.controller}.${r.handler}`);
}
