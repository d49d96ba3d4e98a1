import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCode, IsInstantWithOffset } from './validation';

/** The kinds of versioned policy (@huiying/policy). */
export const POLICY_KINDS = ['opinion_deadlines', 'disclosure', 'routing'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

/**
 * POST /v1/admin/policies — publish a new, immutable policy version. The header is validated here (400); the
 * kind-specific `content` (e.g. `claim`, `firstRelease`, … for opinion deadlines; `rules`, `fallback`, … for
 * routing) is checked against the policy kind (422 with every problem).
 */
export class PublishPolicyDto {
  @ApiProperty({ enum: POLICY_KINDS, example: 'opinion_deadlines' })
  @IsIn(POLICY_KINDS, { message: `kind must be one of: ${POLICY_KINDS.join(', ')}` })
  kind!: PolicyKind;

  @ApiProperty({ example: 'seed-city', description: "'cn' = national baseline; else a city/county code." })
  @IsCode()
  jurisdiction!: string;

  @ApiProperty({ example: 'seed-city-2027.1', description: 'Unique per (kind, jurisdiction); publishing it twice is a 409.' })
  @IsCode()
  version!: string;

  @ApiProperty({ example: '2027-01-01T00:00:00+08:00', description: 'From this instant on the version governs new cases.' })
  @IsInstantWithOffset()
  effectiveFrom!: string;

  @ApiProperty({ example: '市人民政府政务舆情收集研判和回应流程 (2027 修订)', description: 'The documents it restates.' })
  @IsString() @IsNotEmpty() @MaxLength(1000)
  reference!: string;

  @ApiProperty({ type: Object, description: 'The kind-specific fields of the policy (everything except the header above).' })
  @IsObject()
  content!: Record<string, unknown>;

  @ApiPropertyOptional({ example: 'general-office:li', description: 'Who publishes it. Default "admin-api".' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  publishedBy?: string;
}

/** GET /v1/policies/:kind?jurisdiction=&at= */
export class PolicyInForceQueryDto {
  @ApiProperty({ example: 'seed-city' })
  @IsCode()
  jurisdiction!: string;

  @ApiPropertyOptional({ example: '2026-11-20T08:30:00+08:00', description: 'The instant (default: now).' })
  @IsOptional() @IsInstantWithOffset()
  at?: string;
}

/** GET /v1/routing-rules?jurisdiction=&at= — both optional (routing's default jurisdiction, now). */
export class RoutingRulesQueryDto {
  @ApiPropertyOptional({ example: 'seed-city', description: "Default: routing's DEFAULT_JURISDICTION." })
  @IsOptional() @IsCode()
  jurisdiction?: string;

  @ApiPropertyOptional({ example: '2026-11-20T08:30:00+08:00', description: 'The instant (default: now).' })
  @IsOptional() @IsInstantWithOffset()
  at?: string;
}

/** A published policy version with its publication record; `policy` is the @huiying/policy object as is. */
export class PolicyVersionDto {
  @ApiProperty({ enum: POLICY_KINDS }) kind!: PolicyKind;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty() version!: string;
  @ApiProperty({ example: '2025-12-31T16:00:00.000Z' }) effectiveFrom!: string;
  @ApiProperty() publishedAt!: string;
  @ApiProperty({ example: 'built-in', description: '"built-in" for versions seeded from @huiying/policy.' }) publishedBy!: string;
  @ApiProperty({ type: Object }) policy!: Record<string, unknown>;
}

/** Path of GET /v1/policies/:kind */
export class PolicyKindParamDto {
  @ApiProperty({ enum: POLICY_KINDS })
  @IsIn(POLICY_KINDS, { message: `kind must be one of: ${POLICY_KINDS.join(', ')}` })
  kind!: PolicyKind;
}

/** Path of GET /v1/policies/:kind/:jurisdiction/:version */
export class PolicyVersionParamDto extends PolicyKindParamDto {
  @ApiProperty({ example: 'cn' }) @IsCode() jurisdiction!: string;
  @ApiProperty({ example: 'cn-2016.1' }) @IsCode() version!: string;
}
