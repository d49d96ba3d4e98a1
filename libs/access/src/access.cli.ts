// `npm run access -- <command>`: bootstrap and manage calling systems and their keys directly in Postgres (the first
// admin key cannot come from the API). README → Access control.
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { HttpException } from '@nestjs/common';
import { Client } from 'pg';
import { CreateRoleGrantDto, RevokeApiKeyDto, RevokeRoleGrantDto, RoleGrantQueryDto } from '@huiying/contracts';
import { BaseConfig, loadConfig, validateBody } from '@huiying/platform';
import { AccessRepository } from './access.repository';
import { NO_JURISDICTION, SYSTEM_KINDS, type SystemKind } from './access.types';
import { KeyAuthenticator } from './key-cache';
import { parseScopes } from './scope';

const USAGE = `usage: npm run access -- <command> [options]
  create-system --id <id> --name <name> --kind system|department|supervisor --scopes submit,read,act,admin
                [--department <code>] [--jurisdiction <code>|* (left out: no case reached)] [--rate-limit <per minute>]
  issue-key     --system <id> [--expires-in-days <n > 0>] [--out <file>] (the key is shown once; --out writes it mode 600)
  revoke-key    --prefix <prefix> | --id <key id> [--at <ISO instant in the future>] (without --at: revoked now)
  disable-system --id <id>   every key of the system is refused (within the key cache time on running services)
  enable-system  --id <id>
  list          [--system <id>]                                       (systems and keys; prefixes only)
  ensure-admin  --out <file>   keeps the key in <file> if it still works, else issues one for system 'local-admin'
  grant-role    --person-id <id> --person-name <name> --role head_of_disclosure_office --jurisdiction <code>
                --office <office as notices print it> --valid-from <YYYY-MM-DD> --granted-by <who granted it>
                [--valid-to <YYYY-MM-DD>] [--department <code>] [--basis <appointment document>]
  revoke-role   --id <grant id> --revoked-by <who> --reason <why>     (from now on; final)
  list-roles    [--person-id <id>] [--role <role>] [--jurisdiction <code>] [--active-on <YYYY-MM-DD>]
  Role grants and revocations are written with an audit row (service access-cli, transport cli) in one transaction.
  ensure-key    --id <id> --name <name> --scopes <scopes> [--rate-limit <per minute>] --out <file>
                a service's own key (kind system, every jurisdiction): kept if it still works for that system with those
                scopes, else the system is created or updated and a key issued to <file> (e.g. the worker's key for routing)`;

/** A refusal found inside a transaction (rolled back): reported like fail(), exit 2. */
class CliRefusal extends Error {}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** The options checked by the API's own body class: the same rules, the same messages (exit 2 naming each bad option). */
async function checked<T extends object>(cls: new () => T, body: Record<string, unknown>): Promise<T> {
  const defined = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  try {
    return await validateBody(cls, defined);
  } catch (e) {
    const errors = e instanceof HttpException ? (e.getResponse() as { errors?: { field: string; messages: string[] }[] }).errors : undefined;
    if (!errors) throw e;
    fail(errors.map((x) => `--${x.field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${x.messages.join('; ')}`).join('\n'));
  }
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
      'person-id': { type: 'string' }, 'person-name': { type: 'string' }, role: { type: 'string' }, office: { type: 'string' },
      'valid-from': { type: 'string' }, 'valid-to': { type: 'string' }, 'granted-by': { type: 'string' }, basis: { type: 'string' },
      'revoked-by': { type: 'string' }, reason: { type: 'string' }, 'active-on': { type: 'string' },
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
  /** The change and its audit row commit together. */
  const audited = async <T extends { id: string }>(action: string, change: () => Promise<T>): Promise<T> => {
    await db.query('BEGIN');
    try {
      const done = await change();
      await repo.appendAudit({
        service: 'access-cli', transport: 'cli', systemId: null, keyId: null, method: 'CLI', action, target: done.id, status: 'ok', outcome: 'ok',
        requestId: randomUUID(), remoteAddress: null, detail: { operator: userInfo().username },
      });
      await db.query('COMMIT');
      return done;
    } catch (e) {
      await db.query('ROLLBACK');
      throw e;
    }
  };
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
          jurisdiction: o.jurisdiction ?? NO_JURISDICTION, scopes: parseScopes(o.scopes), rateLimitPerMinute: rate,
        });
        if (!created) fail(`system ${o.id} exists already`);
        console.log(JSON.stringify(created, null, 2));
        break;
      }
      case 'issue-key': {
        if (!o.system) fail(USAGE);
        // 0, a negative or a non-number once meant a key issued expired or one that never expires (issue 14)
        const days = o['expires-in-days'] === undefined ? undefined : Number(o['expires-in-days']);
        if (days !== undefined && !(Number.isFinite(days) && days > 0)) fail('--expires-in-days must be a positive number of days (none: the key works until revoked)');
        if (!(await repo.findSystem(o.system))) fail(`no system ${o.system}`);
        const { key, record } = await repo.issueKey(o.system, days === undefined ? null : new Date(Date.now() + days * 86400000));
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
        const { at } = await checked(RevokeApiKeyDto, { at: o.at });
        const key = await repo.revokeKey({ id: o.id, prefix: o.prefix }, at ? new Date(at) : null);
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
      case 'grant-role': {
        const dto = await checked(CreateRoleGrantDto, {
          personId: o['person-id'], personName: o['person-name'], role: o.role, jurisdiction: o.jurisdiction, department: o.department,
          office: o.office, validFrom: o['valid-from'], validTo: o['valid-to'], grantedBy: o['granted-by'], basis: o.basis,
        });
        const grant = await audited('grant-role', () =>
          repo.createRoleGrant({ ...dto, department: dto.department ?? null, validTo: dto.validTo ?? null, basis: dto.basis ?? null, grantedBySystem: null }),
        );
        console.log(JSON.stringify(grant, null, 2));
        break;
      }
      case 'revoke-role': {
        if (!o.id) fail(USAGE);
        const id = o.id;
        if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) fail('--id must be the id (UUID) of a role grant');
        const dto = await checked(RevokeRoleGrantDto, { revokedBy: o['revoked-by'], reason: o.reason });
        const revoked = await audited('revoke-role', async () => {
          const r = await repo.revokeRoleGrant(id, { revokedBy: dto.revokedBy, reason: dto.reason, revokedBySystem: null });
          if ('missing' in r) throw new CliRefusal(`no role grant ${id}`);
          if ('alreadyRevoked' in r) throw new CliRefusal(`role grant ${id} was revoked at ${r.alreadyRevoked.revokedAt} already`);
          return r.grant;
        });
        console.log(JSON.stringify(revoked, null, 2));
        break;
      }
      case 'list-roles': {
        const q = await checked(RoleGrantQueryDto, { personId: o['person-id'], role: o.role, jurisdiction: o.jurisdiction, activeOn: o['active-on'] });
        console.log(JSON.stringify(await repo.listRoleGrants(q), null, 2));
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
  process.exit(e instanceof CliRefusal ? 2 : 1);
});
