import { Injectable } from '@nestjs/common';
import { AccessException, AccessExceptionCode, AccessRepository, KeyAuthenticator, NO_JURISDICTION, type KeyRecord, type SystemRecord } from '@huiying/access';
import type {
  AccessSystemDto,
  AccessSystemListDto,
  ApiKeyDto,
  ApiKeyListDto,
  AuditLogPageDto,
  AuditLogQueryDto,
  CreateAccessSystemDto,
  IssuedApiKeyDto,
} from '@huiying/contracts';

const DEFAULT_AUDIT_PAGE = 100;

const toSystem = (s: SystemRecord): AccessSystemDto => ({ ...s });
const toKey = (k: KeyRecord): ApiKeyDto => ({ ...k });

/** Access administration (admin scope): calling systems, their keys, the audit log. */
@Injectable()
export class AccessAdminService {
  constructor(
    private readonly repo: AccessRepository,
    private readonly keys: KeyAuthenticator,
  ) {}

  async createSystem(dto: CreateAccessSystemDto): Promise<AccessSystemDto> {
    const created = await this.repo.createSystem({
      id: dto.id, name: dto.name, kind: dto.kind, department: dto.department ?? null, jurisdiction: dto.jurisdiction ?? NO_JURISDICTION, scopes: dto.scopes, rateLimitPerMinute: dto.rateLimitPerMinute,
    });
    if (!created) throw new AccessException(AccessExceptionCode.SystemExists, `system ${dto.id} exists already`);
    return toSystem(created);
  }

  async listSystems(): Promise<AccessSystemListDto> {
    return { systems: (await this.repo.listSystems()).map(toSystem) };
  }

  /** Disables (or re-enables) a system: all its keys stop at once here, within the key cache time elsewhere. */
  async setDisabled(systemId: string, disabled: boolean): Promise<AccessSystemDto> {
    const system = await this.repo.setSystemDisabled(systemId, disabled);
    if (!system) throw new AccessException(AccessExceptionCode.SystemNotFound, `no system ${systemId}`);
    for (const k of await this.repo.listKeys(systemId)) this.keys.forget(k.prefix);
    return toSystem(system);
  }

  async issueKey(systemId: string, expiresAt?: string): Promise<IssuedApiKeyDto> {
    if (!(await this.repo.findSystem(systemId))) throw new AccessException(AccessExceptionCode.SystemNotFound, `no system ${systemId}`);
    const { key, record } = await this.repo.issueKey(systemId, expiresAt ? new Date(expiresAt) : null);
    return { ...toKey(record), key };
  }

  async listKeys(systemId: string): Promise<ApiKeyListDto> {
    if (!(await this.repo.findSystem(systemId))) throw new AccessException(AccessExceptionCode.SystemNotFound, `no system ${systemId}`);
    return { keys: (await this.repo.listKeys(systemId)).map(toKey) };
  }

  /** Revokes now (or lets the key expire at `at`); this process forgets it at once, the others within the key cache time. */
  async revokeKey(keyId: string, at?: string): Promise<ApiKeyDto> {
    const key = await this.repo.revokeKey({ id: keyId }, at ? new Date(at) : null);
    if (!key) throw new AccessException(AccessExceptionCode.KeyNotFound, `no key ${keyId}`);
    this.keys.forget(key.prefix);
    return toKey(key);
  }

  async auditLog(q: AuditLogQueryDto): Promise<AuditLogPageDto> {
    const limit = q.pageSize ?? DEFAULT_AUDIT_PAGE;
    const rows = await this.repo.queryAudit({
      systemId: q.systemId, target: q.caseId ?? q.target, action: q.action, outcome: q.outcome, from: q.from, to: q.to, beforeId: q.pageToken, limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return { entries: page, nextPageToken: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null };
  }
}
