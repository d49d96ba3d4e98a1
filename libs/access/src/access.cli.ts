// `npm run access -- <command>`: bootstrap and manage calling systems and their keys directly in Postgres (the first
// admin key cannot come from the API). README → Access control.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { BaseConfig, loadConfig } from '@huiying/platform';
import { AccessRepository } from './access.repository';
import { SYSTEM_KINDS, type SystemKind } from './access.types';
import { KeyAuthenticator } from './key-cache';
import { parseScopes } from './scope';

const USAGE = `usage: npm run access -- <command> [options]
  create-system --id <id> --name <name> --kind system|department|supervisor --scopes submit,read,act,admin
                [--department <code>] [--jurisdiction <code>|*] [--rate-limit <per minute>]
  issue-key     --system <id> [--expires-in-days <n>] [--out <file>]   (the key is shown once; --out writes it mode 600)
  revoke-key    --prefix <prefix> | --id <key id> [--at <ISO instant>] (without --at: revoked now)
  disable-system --id <id>   every key of the system is refused (within the key cache time on running services)
  enable-system  --id <id>
  list          [--system <id>]                                       (systems and keys; prefixes only)
  ensure-admin  --out <file>   keeps the key in <file> if it still works, else issues one for system 'local-admin'
  ensure-key    --id <id> --name <name> --scopes <scopes> [--rate-limit <per minute>] --out <file>
                a service's own key (kind system, every jurisdiction): kept if it still works for that system with those
                scopes, else the system is created or updated and a key issued to <file> (e.g. the worker's key for routing)`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values: o } = parseArgs({
    args: rest,
    options: {
      id: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' }, scopes: { type: 'string' },
      department: { type: 'string' }, jurisdiction: { type: 'string' }, 'rate-limit': { type: 'string' },
      system: { type: 'string' }, 'expires-in-days': { type: 'string' }, out: { type: 'string' },
      prefix: { type: 'string' }, at: { type: 'string' },
    },
  });
  if (!command || command === 'help' || command === '--help') fail(USAGE);
  const config = loadConfig(BaseConfig);
  const db = new Client(
    config.DATABASE_URL ? { connectionString: config.DATABASE_URL } : { host: config.PGHOST, port: Number(config.PGPORT), user: config.PGUSER, password: config.PGPASSWORD, database: config.PGDATABASE },
  );
  db.on('error', (e) => fail(`the database connection was lost: ${e.message}`));
  await db.connect();
  const repo = new AccessRepository(db);
  const writeKey = (file: string, key: string) => {
    writeFileSync(file, `${key}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  };
  try {
    switch (command) {
      case 'create-system': {
        if (!o.id || !o.name || !o.kind || !o.scopes) fail(USAGE);
        if (!(SYSTEM_KINDS as readonly string[]).includes(o.kind)) fail(`--kind must be one of ${SYSTEM_KINDS.join(', ')}`);
        if (o.kind === 'department' && !o.department) fail('--department is needed for kind department');
        const rate = o['rate-limit'] ? Number(o['rate-limit']) : undefined;
        if (rate !== undefined && !(Number.isInteger(rate) && rate > 0)) fail('--rate-limit must be a positive integer');
        const created = await repo.createSystem({
          id: o.id, name: o.name, kind: o.kind as SystemKind, department: o.department ?? null,
          jurisdiction: o.jurisdiction ?? '*', scopes: parseScopes(o.scopes), rateLimitPerMinute: rate,
        });
        if (!created) fail(`system ${o.id} exists already`);
        console.log(JSON.stringify(created, null, 2));
        break;
      }
      case 'issue-key': {
        if (!o.system) fail(USAGE);
        if (!(await repo.findSystem(o.system))) fail(`no system ${o.system}`);
        const days = o['expires-in-days'] ? Number(o['expires-in-days']) : undefined;
        const { key, record } = await repo.issueKey(o.system, days ? new Date(Date.now() + days * 86400000) : null);
        if (o.out) {
          writeKey(o.out, key);
          console.log(JSON.stringify({ ...record, keyFile: o.out }, null, 2));
        } else {
          console.log(JSON.stringify({ ...record, key, note: 'the key is shown once: store it now' }, null, 2));
        }
        break;
      }
      case 'revoke-key': {
        if (!o.prefix && !o.id) fail(USAGE);
        const at = o.at ? new Date(o.at) : null;
        if (at && Number.isNaN(at.getTime())) fail('--at must be an ISO instant');
        const key = await repo.revokeKey({ id: o.id, prefix: o.prefix }, at);
        if (!key) fail('no such key');
        console.log(JSON.stringify(key, null, 2));
        break;
      }
      case 'disable-system':
      case 'enable-system': {
        if (!o.id) fail(USAGE);
        const system = await repo.setSystemDisabled(o.id, command === 'disable-system');
        if (!system) fail(`no system ${o.id}`);
        console.log(JSON.stringify(system, null, 2));
        break;
      }
      case 'list': {
        const systems = (await repo.listSystems()).filter((s) => !o.system || s.id === o.system);
        const keys = await repo.listKeys(o.system);
        console.log(JSON.stringify(systems.map((s) => ({ ...s, keys: keys.filter((k) => k.systemId === s.id) })), null, 2));
        break;
      }
      case 'ensure-admin': {
        if (!o.out) fail(USAGE);
        if (existsSync(o.out)) {
          const auth = await new KeyAuthenticator(repo, 0).authenticate(readFileSync(o.out, 'utf8').trim());
          if ('caller' in auth && auth.caller.scopes.includes('admin')) {
            chmodSync(o.out, 0o600);
            console.log(`admin key kept in ${o.out} (system ${auth.caller.systemId})`);
            break;
          }
        }
        await repo.upsertSystem({ id: 'local-admin', name: 'Local administrator (npm run up)', kind: 'system', jurisdiction: '*', scopes: ['admin'] });
        const { record, key } = await repo.issueKey('local-admin');
        writeKey(o.out, key);
        console.log(`admin key ${record.prefix} issued for system local-admin, written to ${o.out} (mode 600)`);
        break;
      }
      case 'ensure-key': {
        if (!o.id || !o.name || !o.scopes || !o.out) fail(USAGE);
        const scopes = parseScopes(o.scopes);
        const rate = o['rate-limit'] ? Number(o['rate-limit']) : undefined;
        if (rate !== undefined && !(Number.isInteger(rate) && rate > 0)) fail('--rate-limit must be a positive integer');
        if (existsSync(o.out)) {
          const auth = await new KeyAuthenticator(repo, 0).authenticate(readFileSync(o.out, 'utf8').trim());
          if ('caller' in auth && auth.caller.systemId === o.id && scopes.every((s) => auth.caller.scopes.includes(s)) && (rate === undefined || auth.caller.rateLimitPerMinute === rate)) {
            chmodSync(o.out, 0o600);
            console.log(`key kept in ${o.out} (system ${o.id})`);
            break;
          }
        }
        await repo.upsertSystem({ id: o.id, name: o.name, kind: 'system', jurisdiction: '*', scopes, rateLimitPerMinute: rate });
        const { record, key } = await repo.issueKey(o.id);
        writeKey(o.out, key);
        console.log(`key ${record.prefix} issued for system ${o.id}, written to ${o.out} (mode 600)`);
        break;
      }
      default:
        fail(`unknown command ${command}\n${USAGE}`);
    }
  } finally {
    await db.end();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
