// Keeps docker-compose.yml, the app Dockerfiles, deploy/k8s and the local stack in step (ARCHITECTURE.md:
// "docker-compose.yml describes the same topology ... it must still be valid and kept in step").
// No Docker engine or cluster is needed: the files are parsed and cross-checked.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

const root = resolve(__dirname, '..');
const read = (p: string): string => readFileSync(join(root, p), 'utf8');

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown, what: string): Obj => {
  if (!isObj(v)) throw new Error(`${what} is not a mapping`);
  return v;
};
const arr = (v: unknown, what: string): unknown[] => {
  if (!Array.isArray(v)) throw new Error(`${what} is not a list`);
  return v;
};
const str = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** Apps with their default HTTP port (ARCHITECTURE.md); the worker serves only /health for probes. */
const httpApps: Record<string, number> = { intake: 3001, routing: 3002, assessment: 3003, publication: 3004, ledger: 3005 };
const workerHealthPort = 3006;
const apps = [...Object.keys(httpApps), 'worker'];
const appPort = (app: string): number => httpApps[app] ?? workerHealthPort;
/** The variable each app reads its port from (apps/<app>/src/<app>.config.ts). */
const portVar = (app: string): string => (app === 'worker' ? 'WORKER_HEALTH_PORT' : `${app.toUpperCase()}_PORT`);
/** gRPC: intake serves IntakeService, the ledger CaseService (issue 6). */
const grpcPorts: Record<string, { port: number; variable: string }> = {
  intake: { port: 50051, variable: 'GRPC_PORT' },
  ledger: { port: 50052, variable: 'GRPC_LEDGER_PORT' },
};
const kafkaConsumers = ['routing', 'ledger'];

/** Defaults of deploy/local/env.sh, e.g. KAFKA_PORT -> 9092. */
function envShDefaults(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of read('deploy/local/env.sh').matchAll(/^export (\w+)="\$\{\1:-(\d+)\}"/gm)) out[m[1]] = Number(m[2]);
  return out;
}

/**
 * Lists declared in libs/contracts, read as text so that this test does not depend on the libs compiling:
 * the values of `TOPICS` and of `SEARCH_ATTRIBUTE_TYPES`.
 */
function constBlock(file: string, name: string): string {
  const text = read(file);
  const start = text.indexOf(`export const ${name}`);
  if (start < 0) throw new Error(`${name} not found in ${file}`);
  return text.slice(start, text.indexOf('\n}', start));
}
const contractTopics = (): string[] =>
  [...constBlock('libs/contracts/src/topics.ts', 'TOPICS').matchAll(/:\s*'([^']+)'/g)].map((m) => m[1]);
const contractSearchAttributes = (): Record<string, string> =>
  Object.fromEntries(
    [...constBlock('libs/contracts/src/workflow/temporal.ts', 'SEARCH_ATTRIBUTE_TYPES').matchAll(/(\w+):\s*'(\w+)'/g)].map(
      (m) => [m[1], m[2]],
    ),
  );

function topics(): { name: string; partitions: number }[] {
  return read('deploy/local/kafka/topics.txt')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter((l) => l !== '')
    .map((l) => {
      const [name, partitions] = l.split(/\s+/);
      return { name, partitions: Number(partitions) };
    });
}

describe('local Kafka', () => {
  const expected = [
    'intake.reports.received.v1',
    'intake.reports.updated.v1',
    'cases.events.v1',
    'publication.requested.v1',
    'calendar.updated.v1',
    'hotline.work-orders.v1',
  ];

  it('topics.txt has every topic of libs/contracts and its dead-letter twin', () => {
    const names = topics().map((t) => t.name);
    const declared = contractTopics();
    expect(declared.length).toBeGreaterThanOrEqual(5);
    for (const topic of declared) {
      expect(names).toContain(topic);
      expect(names).toContain(`dlq.${topic}`);
    }
  });

  it('topics.txt lists every main topic with 6 partitions and a dead-letter topic for each', () => {
    const list = topics();
    const byName = new Map(list.map((t) => [t.name, t.partitions]));
    for (const t of list) expect(Number.isInteger(t.partitions) && t.partitions > 0).toBe(true);
    for (const name of expected) {
      expect(byName.get(name)).toBe(6);
      expect(byName.has(`dlq.${name}`)).toBe(true);
    }
    for (const t of list.filter((x) => x.name.startsWith('dlq.'))) expect(byName.has(t.name.slice(4))).toBe(true);
  });

  it('kafka.sh has its subcommands and the pom pins Kafka 4.x from Maven Central', () => {
    const script = read('deploy/local/kafka.sh');
    for (const cmd of ['start', 'stop', 'status', 'topics']) expect(script).toMatch(new RegExp(`^\\s+${cmd}\\)`, 'm'));
    expect(script).toContain('kafka/topics.txt');
    expect(script).toContain('kafka.tools.StorageTool');
    const pom = read('deploy/local/kafka/pom.xml');
    expect(pom).toMatch(/<kafka\.version>4\.\d+\.\d+<\/kafka\.version>/);
    for (const a of ['kafka_2.13', 'kafka-server', 'kafka-tools', 'log4j-slf4j-impl']) {
      expect(pom).toContain(`<artifactId>${a}</artifactId>`);
    }
    expect(pom).not.toMatch(/<repositor(y|ies)>/); // Maven Central only
  });
});

describe('docker-compose.yml', () => {
  const compose = obj(parse(read('docker-compose.yml'), { merge: true }), 'docker-compose.yml');
  const services = obj(compose.services, 'services');
  const service = (name: string): Obj => obj(services[name], `service ${name}`);
  const env = (name: string): Obj => obj(service(name).environment ?? {}, `${name}.environment`);
  const ports = (name: string): string[] => ((service(name).ports as unknown[] | undefined) ?? []).map(str);
  const dependsOn = (name: string): Obj => obj(service(name).depends_on ?? {}, `${name}.depends_on`);
  const healthTest = (name: string): string => {
    const hc = obj(service(name).healthcheck, `${name}.healthcheck`);
    return arr(hc.test, `${name}.healthcheck.test`).map(str).join(' ');
  };
  const defaults = envShDefaults();

  it('has every component, one-shot init service and app', () => {
    for (const s of ['postgres', 'kafka', 'kafka-init', 'temporal', 'temporal-init', 'temporal-ui', 'migrate', ...apps]) {
      expect(Object.keys(services)).toContain(s);
    }
  });

  it('publishes the components on the ports of deploy/local/env.sh', () => {
    expect(defaults).toMatchObject({ PGPORT: 5432, KAFKA_PORT: 9092, TEMPORAL_PORT: 7233, TEMPORAL_UI_PORT: 8233 });
    expect(ports('postgres')).toContain(`${defaults.PGPORT}:5432`);
    expect(ports('kafka').some((p) => p.startsWith(`${defaults.KAFKA_PORT}:`))).toBe(true);
    expect(ports('temporal')).toContain(`${defaults.TEMPORAL_PORT}:7233`);
    expect(ports('temporal-ui')).toContain(`${defaults.TEMPORAL_UI_PORT}:8080`);
  });

  it('infrastructure has healthchecks and starts in order', () => {
    for (const s of ['postgres', 'kafka', 'temporal']) expect(healthTest(s).length).toBeGreaterThan(0);
    expect(healthTest('postgres')).toContain('temporal_visibility');
    expect(obj(dependsOn('temporal').postgres, 'temporal->postgres').condition).toBe('service_healthy');
    expect(obj(dependsOn('temporal-ui').temporal, 'ui->temporal').condition).toBe('service_healthy');
    expect(obj(dependsOn('kafka-init').kafka, 'kafka-init->kafka').condition).toBe('service_healthy');
    expect(obj(dependsOn('temporal-init').temporal, 'temporal-init->temporal').condition).toBe('service_healthy');
    expect(obj(dependsOn('migrate').postgres, 'migrate->postgres').condition).toBe('service_healthy');
  });

  it('postgres creates the application and Temporal databases', () => {
    const sql = read('deploy/compose/postgres-init.sql');
    for (const db of ['huiying', 'temporal', 'temporal_visibility']) expect(sql).toContain(`CREATE DATABASE ${db} `);
    expect(env('temporal')).toMatchObject({ DB: 'postgres12', DBNAME: 'temporal', VISIBILITY_DBNAME: 'temporal_visibility' });
  });

  it('kafka is a KRaft single node without topic auto-creation, topics come from topics.txt', () => {
    expect(String(service('kafka').image)).toContain('apache/kafka');
    expect(env('kafka')).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller', KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false' });
    const volumes = arr(service('kafka-init').volumes, 'kafka-init.volumes').map(str);
    expect(volumes.some((v) => v.startsWith('./deploy/local/kafka/topics.txt:'))).toBe(true);
    expect(read('deploy/compose/kafka-init.sh')).toContain('kafka-topics.sh');
  });

  it('temporal-init registers every search attribute', () => {
    const script = read('deploy/compose/temporal-search-attributes.sh');
    const attrs: Record<string, string> = {
      CaseKind: 'Keyword', CaseStage: 'Keyword', Department: 'Keyword', Grade: 'Keyword',
      DueAt: 'Datetime', Overdue: 'Bool', Jurisdiction: 'Keyword', ExtendedDueAt: 'Datetime', CaseSummary: 'Keyword',
    };
    // the workflows' own list (libs/contracts) must be registered too
    const declared = contractSearchAttributes();
    expect(Object.keys(declared).length).toBeGreaterThanOrEqual(8);
    for (const [name, type] of Object.entries({ ...attrs, ...declared })) {
      expect(script).toContain(`${name}:${type}`);
    }
    expect(script).toContain('temporal operator search-attribute create');
  });

  it('mounted files exist', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const v of (obj(s, name).volumes as unknown[] | undefined) ?? []) {
        const src = str(v).split(':')[0];
        if (src.startsWith('./')) expect(existsSync(join(root, src))).toBe(true);
      }
    }
  });

  it('migrate runs `npm run db:migrate` in the intake image', () => {
    expect(arr(service('migrate').command, 'migrate.command')).toEqual(['npm', 'run', 'db:migrate']);
    expect(obj(service('migrate').build, 'migrate.build')).toEqual({ context: '.', args: { APP: 'intake', PORT: '3001' } });
    const pkg = JSON.parse(read('package.json')) as { scripts?: Record<string, string> };
    expect(pkg.scripts?.['db:migrate']).toBeDefined();
  });

  describe.each(apps)('app %s', (app) => {
    const port = appPort(app);

    it('is built from the Dockerfile with its APP and PORT, with the shared environment', () => {
      expect(obj(service(app).build, `${app}.build`)).toEqual({ context: '.', args: { APP: app, PORT: String(port) } });
      expect(env(app)).toMatchObject({
        DATABASE_URL: 'postgres://huiying:huiying@postgres:5432/huiying',
        KAFKA_BROKERS: 'kafka:9092',
        TEMPORAL_ADDRESS: 'temporal:7233',
        TEMPORAL_NAMESPACE: 'default',
      });
      expect(Number(env(app)[portVar(app)])).toBe(port);
    });

    it('checks /health on its port', () => {
      expect(healthTest(app)).toContain(`localhost:${port}/health`);
    });

    it('publishes its default port', () => {
      if (app === 'worker') return expect(ports(app)).toEqual([]);
      expect(ports(app)).toContain(`${port}:${port}`);
      const grpc = grpcPorts[app];
      if (grpc) {
        expect(ports(app)).toContain(`${grpc.port}:${grpc.port}`);
        expect(Number(env(app)[grpc.variable])).toBe(grpc.port);
      }
    });

    it('waits for the databases, migrations, topics and search attributes', () => {
      const deps = dependsOn(app);
      expect(obj(deps.postgres, 'postgres').condition).toBe('service_healthy');
      expect(obj(deps.kafka, 'kafka').condition).toBe('service_healthy');
      expect(obj(deps.temporal, 'temporal').condition).toBe('service_healthy');
      for (const once of ['migrate', 'kafka-init', 'temporal-init']) {
        expect(obj(deps[once], once).condition).toBe('service_completed_successfully');
      }
    });
  });
});

describe('the Dockerfile (one for every app, ARG APP)', () => {
  const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;
  const text = read('Dockerfile');

  it('is a multi-stage node:20 build of apps/$APP that runs its dist/main.js as node', () => {
    const froms = [...text.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)];
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(froms.some((f) => f[1] === 'node:20-bookworm-slim' && f[2] === 'build')).toBe(true);
    expect(froms[froms.length - 1][1]).toBe('node:20-bookworm-slim');
    expect(froms[froms.length - 1][2]).toBeUndefined(); // the runtime is the last stage
    expect(text).toMatch(/COPY package\.json package-lock\.json/);
    // every workspace's manifest reaches `npm ci` (a new lib must not break the image)
    for (const ws of workspaces) expect(text).toContain(`${ws}/package.json`);
    expect(text).toMatch(/RUN npm ci --no-audit --no-fund/);
    expect(text).toContain('npx tsc -b apps/${APP}/tsconfig.build.json libs/persistence/tsconfig.build.json'); // every image can migrate
    expect(text).toMatch(/npm prune --omit=dev/);
    expect(text).toMatch(/COPY --from=build .*node_modules/);
    expect(text).toMatch(/^USER node$/m);
    expect(text).toContain('ENV NODE_ENV=production APP=${APP} HEALTH_PORT=${PORT}');
    // the worker bundles workflow sources at start-up with the aliases of tsconfig.base.json
    expect(text).toMatch(/COPY --from=build .*tsconfig\.base\.json/);
    expect(text).toContain('CMD exec node "apps/$APP/dist/main.js"');
    // no per-app copies left
    for (const app of apps) expect(existsSync(join(root, `apps/${app}/Dockerfile`))).toBe(false);
  });

  it.each(apps)('%s compiles to the dist/main.js the image runs', (app) => {
    expect(read(`apps/${app}/tsconfig.build.json`)).toMatch(/"outDir":\s*"dist"/);
    expect(existsSync(join(root, `apps/${app}/src/main.ts`))).toBe(true);
  });

  it('.dockerignore keeps local state and build output out of the context', () => {
    const ignore = read('.dockerignore').split('\n');
    for (const p of ['.git', '.huiying', '**/node_modules', '**/dist']) expect(ignore).toContain(p);
  });
});

describe('deploy/k8s', () => {
  const k8sDir = join(root, 'deploy/k8s');
  const yamlFiles = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) return yamlFiles(p);
      return /\.ya?ml$/.test(f) ? [p] : [];
    });

  interface Doc {
    file: string;
    kind: string;
    name: string;
    body: Obj;
  }
  const docs: Doc[] = yamlFiles(k8sDir).flatMap((file) =>
    parseAllDocuments(readFileSync(file, 'utf8')).flatMap((d) => {
      if (d.errors.length > 0) throw new Error(`${relative(root, file)}: ${d.errors[0].message}`);
      const body = d.toJS() as unknown;
      if (!isObj(body)) return [];
      const meta = isObj(body.metadata) ? body.metadata : {};
      return [{ file: relative(k8sDir, file), kind: String(body.kind ?? ''), name: String(meta.name ?? ''), body }];
    }),
  );
  const base = docs.filter((d) => d.file.startsWith('base/') && d.kind !== 'Kustomization');
  const find = (kind: string, name: string): Doc | undefined => base.find((d) => d.kind === kind && d.name === name);
  const podSpec = (d: Doc): Obj =>
    obj(obj(obj(obj(d.body.spec, 'spec').template, 'template').spec, 'template.spec'), 'pod spec');
  const containers = (d: Doc): Obj[] => arr(podSpec(d).containers, 'containers').map((c) => obj(c, 'container'));

  it('finds the base and the example overlay', () => {
    expect(docs.some((d) => d.file === 'base/kustomization.yaml')).toBe(true);
    expect(docs.some((d) => d.file === 'overlays/example/kustomization.yaml')).toBe(true);
  });

  it('every document has apiVersion, kind and a name', () => {
    for (const d of docs) {
      expect(typeof d.body.apiVersion).toBe('string');
      expect(d.kind).not.toBe('');
      if (d.kind !== 'Kustomization') expect(d.name).not.toBe('');
    }
  });

  it('each kustomization lists every resource file beside it, and only existing ones', () => {
    for (const k of docs.filter((d) => d.kind === 'Kustomization')) {
      const dir = join(k8sDir, dirname(k.file));
      const listed = arr(k.body.resources, `${k.file} resources`).map(str);
      for (const r of listed) expect(existsSync(join(dir, r))).toBe(true);
      const patchFiles = ((k.body.patches as unknown[] | undefined) ?? [])
        .map((p) => (isObj(p) ? p.path : undefined))
        .filter((p): p is string => typeof p === 'string');
      for (const p of patchFiles) expect(existsSync(join(dir, p))).toBe(true);
      const siblings = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml');
      for (const f of siblings) {
        expect({ file: `${dirname(k.file)}/${f}`, listed: listed.includes(f) || patchFiles.includes(f) }).toEqual({
          file: `${dirname(k.file)}/${f}`,
          listed: true,
        });
      }
    }
  });

  it('the overlay sets an image for every image of the base', () => {
    const overlay = docs.find((d) => d.file === 'overlays/example/kustomization.yaml');
    const images = arr(overlay?.body.images, 'overlay images').map((i) => String(obj(i, 'image').name));
    const used = base
      .filter((d) => d.kind === 'Deployment' || d.kind === 'Job')
      .flatMap((d) => containers(d).map((c) => String(c.image)));
    for (const image of used) expect(images).toContain(image);
  });

  it('a ConfigMap points at the external Kafka and Temporal clusters', () => {
    const cm = find('ConfigMap', 'huiying-config');
    expect(cm).toBeDefined();
    const data = obj(cm?.body.data, 'configmap data');
    for (const key of ['KAFKA_BROKERS', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE']) expect(data[key]).toBeTruthy();
  });

  describe.each(apps)('app %s', (app) => {
    const port = appPort(app);

    it('has a Deployment with readiness on /health and liveness on /health/live on its port, config and the DATABASE_URL secret', () => {
      const dep = find('Deployment', app);
      expect(dep).toBeDefined();
      if (!dep) return;
      const [c] = containers(dep);
      expect(c.image).toBe(`huiying/${app}`);
      const containerPorts = arr(c.ports, 'ports').map((p) => obj(p, 'port'));
      // a dependency that is down takes the pod out of rotation (readiness) but never restarts it (liveness)
      for (const [probe, path] of [['readinessProbe', '/health'], ['livenessProbe', '/health/live'], ['startupProbe', '/health/live']]) {
        const get = obj(obj(c[probe], `${app} ${probe}`).httpGet, `${app} ${probe}.httpGet`);
        expect(get.path).toBe(path);
        const target = containerPorts.find((p) => p.name === get.port || p.containerPort === get.port);
        expect(target?.containerPort).toBe(port);
      }
      const envFrom = arr(c.envFrom, 'envFrom').map((e) => obj(obj(e, 'envFrom').configMapRef ?? {}, 'ref').name);
      expect(envFrom).toContain('huiying-config');
      const envs = arr(c.env, 'env').map((e) => obj(e, 'env'));
      const dbUrl = envs.find((e) => e.name === 'DATABASE_URL');
      expect(obj(obj(dbUrl?.valueFrom, 'valueFrom').secretKeyRef, 'secretKeyRef')).toMatchObject({ key: 'DATABASE_URL' });
      expect(envs.find((e) => e.name === portVar(app))?.value).toBe(String(port));
      if (app === 'intake') {
        const key = envs.find((e) => e.name === 'HUIYING_DATA_KEY');
        expect(obj(obj(key?.valueFrom, 'valueFrom').secretKeyRef, 'secretKeyRef')).toMatchObject({ key: 'HUIYING_DATA_KEY' });
      }
    });

    it('its pods are annotated for Prometheus to scrape /metrics on its HTTP port', () => {
      const dep = find('Deployment', app);
      const template = obj(obj(dep?.body.spec, `${app} spec`).template, `${app} template`);
      const annotations = obj(obj(template.metadata, `${app} template metadata`).annotations, `${app} pod annotations`);
      expect(annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(port), 'prometheus.io/path': '/metrics' });
      const [c] = containers(dep as Doc);
      expect(arr(c.ports, 'ports').map((p) => obj(p, 'port').containerPort)).toContain(port);
    });

    if (app !== 'worker') {
      it('has a Service on its default port', () => {
        const svc = find('Service', app);
        expect(svc).toBeDefined();
        const svcPorts = arr(obj(svc?.body.spec, 'service spec').ports, 'service ports').map((p) => obj(p, 'port'));
        expect(svcPorts.map((p) => p.port)).toContain(port);
        const grpc = grpcPorts[app];
        if (grpc) expect(svcPorts.map((p) => p.port)).toContain(grpc.port);
      });
    }
  });

  it('HorizontalPodAutoscalers exist for the worker and the Kafka consumers and target existing Deployments', () => {
    const hpas = base.filter((d) => d.kind === 'HorizontalPodAutoscaler');
    const partitions = Math.min(...topics().filter((t) => !t.name.startsWith('dlq.')).map((t) => t.partitions));
    for (const hpa of hpas) {
      const ref = obj(obj(hpa.body.spec, 'hpa spec').scaleTargetRef, 'scaleTargetRef');
      expect(ref.kind).toBe('Deployment');
      expect(find('Deployment', String(ref.name))).toBeDefined();
    }
    const targets = hpas.map((h) => String(obj(obj(h.body.spec, 'spec').scaleTargetRef, 'ref').name));
    for (const app of ['worker', ...kafkaConsumers]) {
      expect(targets).toContain(app);
      // an autoscaled Deployment has no fixed replica count for `kubectl apply` to reset
      expect(obj(find('Deployment', app)?.body.spec, 'spec').replicas).toBeUndefined();
    }
    for (const app of kafkaConsumers) {
      const hpa = hpas.find((h) => String(obj(obj(h.body.spec, 'spec').scaleTargetRef, 'ref').name) === app);
      expect(Number(obj(hpa?.body.spec, 'spec').maxReplicas)).toBeLessThanOrEqual(partitions);
    }
  });

  it('a migration Job runs `npm run db:migrate` from the intake image', () => {
    const job = base.find((d) => d.kind === 'Job');
    expect(job).toBeDefined();
    if (!job) return;
    const [c] = containers(job);
    expect(c.image).toBe('huiying/intake');
    expect(arr(c.command, 'command').join(' ')).toBe('npm run db:migrate');
    expect(podSpec(job).restartPolicy).toBe('Never');
  });
});

describe('metrics: Prometheus scrape config and Grafana dashboard', () => {
  it('deploy/prometheus/prometheus.yml scrapes /metrics of every service and the worker on the local stack\'s ports', () => {
    const config = obj(parse(read('deploy/prometheus/prometheus.yml')), 'prometheus.yml');
    const jobs = arr(config.scrape_configs, 'scrape_configs').map((j) => obj(j, 'scrape config'));
    const targets = new Map<string, string>();
    for (const job of jobs) {
      expect(job.metrics_path).toBe('/metrics');
      for (const sc of arr(job.static_configs, 'static_configs')) {
        const app = String(obj(obj(sc, 'static config').labels, 'labels').app);
        for (const t of arr(obj(sc, 'static config').targets, 'targets')) targets.set(app, String(t));
      }
    }
    // the ports huiying.sh starts the apps on (its defaults)
    const stackPorts = Object.fromEntries([...read('deploy/local/huiying.sh').matchAll(/\[(\w+)\]="\$\{\w+:-(\d+)\}"/g)].map((m) => [m[1], Number(m[2])]));
    for (const app of apps) {
      expect(stackPorts[app]).toBe(appPort(app));
      expect(targets.get(app)).toBe(`127.0.0.1:${appPort(app)}`);
    }
  });

  it('deploy/grafana/huiying.json has a panel for each metric family of README → Metrics', () => {
    const dashboard = obj(JSON.parse(read('deploy/grafana/huiying.json')), 'dashboard');
    const exprs = arr(dashboard.panels, 'panels')
      .map((p) => obj(p, 'panel'))
      .flatMap((p) => (Array.isArray(p.targets) ? p.targets.map((t) => String(obj(t, 'target').expr)) : []));
    const families = [
      'huiying_http_requests_total', 'huiying_http_request_duration_seconds_bucket', 'huiying_kafka_consumer_lag', 'huiying_kafka_consumer_lag_up',
      'huiying_kafka_dead_lettered_messages_total', 'huiying_outbox_pending_rows', 'huiying_outbox_oldest_pending_age_seconds',
      'huiying_outbox_relayed_rows_total', 'temporal_workflow_task_schedule_to_start_latency_bucket', 'temporal_activity_execution_latency_bucket',
      'temporal_worker_task_slots_available', 'temporal_sticky_cache_size', 'huiying_cases_open', 'huiying_case_clocks_due_next_hour', 'huiying_cases_overdue',
    ];
    for (const f of families) expect(exprs.some((e) => new RegExp(`\\b${f}\\b`).test(e))).toBe(true);
    // and every family the dashboard names is documented in the README
    const readme = read('README.md');
    for (const f of new Set(exprs.flatMap((e) => e.match(/\b(huiying|temporal)_[a-z_]+/g) ?? []))) {
      expect(readme).toContain(f.replace(/_bucket$/, ''));
    }
  });
});
