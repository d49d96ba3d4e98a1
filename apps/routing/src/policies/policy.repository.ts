import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PolicyVersionEntity } from '@huiying/persistence';

export type NewPolicyVersion = Omit<PolicyVersionEntity, 'id'>;

export type InsertOutcome = 'inserted' | 'version_exists' | 'effective_from_taken';

const UNIQUE_VIOLATION = '23505';

/** The only place the policies feature touches the database (policy.policy_versions: insert and read, no update). */
@Injectable()
export class PolicyRepository {
  constructor(private readonly ds: DataSource) {}

  /** Publishes a version; the unique constraints decide conflicts, so concurrent publishes cannot both win. */
  async insert(row: NewPolicyVersion): Promise<InsertOutcome> {
    try {
      await this.ds.manager.insert(PolicyVersionEntity, { ...row, data: row.data as never });
      return 'inserted';
    } catch (e) {
      const err = e as { code?: string; constraint?: string; driverError?: { constraint?: string } };
      if (err.code !== UNIQUE_VIOLATION) throw e;
      const constraint = err.constraint ?? err.driverError?.constraint;
      return constraint === 'policy_versions_effective_from_key' ? 'effective_from_taken' : 'version_exists';
    }
  }

  /** Inserts the rows that are not there yet (same kind, jurisdiction and version); returns how many were new. */
  async insertMissing(rows: NewPolicyVersion[]): Promise<number> {
    if (!rows.length) return 0;
    const result = await this.ds
      .createQueryBuilder()
      .insert()
      .into(PolicyVersionEntity)
      .values(rows.map((r) => ({ ...r, data: r.data as never })))
      .orIgnore()
      .returning(['id'])
      .execute();
    return result.raw.length as number;
  }

  versions(kind: string, jurisdiction: string): Promise<PolicyVersionEntity[]> {
    return this.ds.manager.find(PolicyVersionEntity, { where: { kind, jurisdiction }, order: { effectiveFrom: 'ASC' } });
  }

  find(kind: string, jurisdiction: string, version: string): Promise<PolicyVersionEntity | null> {
    return this.ds.manager.findOne(PolicyVersionEntity, { where: { kind, jurisdiction, version } });
  }
}
