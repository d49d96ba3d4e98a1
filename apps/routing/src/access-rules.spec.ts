import { routeRules, undeclaredRoutes } from '@huiying/access';
import { AppModule } from './app.module';

// Every REST route and gRPC method of routing declares its scope (@RequireScope) or is @Public(): a new route cannot
// slip in unprotected (the guard would refuse it anyway, but this names it at once).
describe('routing access rules', () => {
  it('every handler declares a scope or @Public(), and AccessModule is imported', () => {
    const { routes, accessModuleImported } = routeRules(AppModule);
    expect(accessModuleImported).toBe(true);
    expect(routes.length).toBeGreaterThan(0);
    expect(undeclaredRoutes(AppModule)).toEqual([]);
  });

  it('only health, metrics and published schemas are public', () => {
    const open = routeRules(AppModule).routes.filter((r) => r.rule?.public).map((r) => `${r.controller}.${r.handler}`);
    expect(open.every((h) => /^(HealthController\.(health|live)|MetricsController\.metrics|HotlineController\.schema)$/.test(h))).toBe(true);
  });
});
