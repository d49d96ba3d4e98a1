import { readdirSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS } from './data-source';

const timestamp = (name: string) => Number(/(\d{13})$/.exec(name)?.[1]);

describe('MIGRATIONS', () => {
  it('lists every migration file once, in timestamp order (the order they run on an empty database)', () => {
    const names = MIGRATIONS.map((m) => m.name);
    expect(names.every((n) => Number.isFinite(timestamp(n)))).toBe(true);
    expect([...names].sort((a, b) => timestamp(a) - timestamp(b))).toEqual(names);
    expect(new Set(names.map(timestamp)).size).toBe(names.length);
    const files = readdirSync(path.join(__dirname, 'migrations')).filter((f) => /^\d{13}-.*\.ts$/.test(f) && !f.endsWith('.d.ts'));
    expect(files.map((f) => Number(f.slice(0, 13))).sort()).toEqual(names.map(timestamp).sort());
  });
});
