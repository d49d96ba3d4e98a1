// Bulletins (季通报 quarterly, 月报 monthly; seed 004 「实行月统计、季通报制度」): /v1/bulletins on the ledger.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, ValidateBy } from 'class-validator';
import { IsCode } from './validation';

export const BULLETIN_KINDS = ['monthly', 'quarterly'] as const;
export type BulletinKind = (typeof BULLETIN_KINDS)[number];
const PERIOD_OF: Record<BulletinKind, RegExp> = { monthly: /^\d{4}-(0[1-9]|1[0-2])$/, quarterly: /^\d{4}-Q[1-4]$/ };

/** The period code fits the kind: YYYY-MM for monthly, YYYY-Qn for quarterly (either, when the kind is not given). */
function IsPeriodOfKind(): PropertyDecorator {
  return ValidateBy({
    name: 'isPeriodOfKind',
    validator: {
      validate: (value: unknown, args) => {
        const kind = (args?.object as { kind?: unknown }).kind;
        const patterns = kind === 'monthly' || kind === 'quarterly' ? [PERIOD_OF[kind]] : Object.values(PERIOD_OF);
        return typeof value === 'string' && patterns.some((p) => p.test(value));
      },
      defaultMessage: (args) => {
        const kind = (args?.object as { kind?: unknown }).kind;
        return kind === 'monthly' ? 'period must be a month YYYY-MM, e.g. 2026-11' : kind === 'quarterly' ? 'period must be a quarter YYYY-Qn, e.g. 2026-Q4' : 'period must be YYYY-MM (monthly) or YYYY-Qn (quarterly)';
      },
    },
  });
}

/** POST /v1/bulletins: generate (or find) the bulletin of a period that has ended. */
export class GenerateBulletinDto {
  @ApiProperty({ enum: BULLETIN_KINDS, example: 'monthly' })
  @IsIn(BULLETIN_KINDS, { message: 'kind must be monthly or quarterly' })
  kind!: BulletinKind;

  @ApiProperty({ example: '2026-11', description: 'monthly: YYYY-MM; quarterly: YYYY-Qn (Asia/Shanghai). The period must have ended.' })
  @IsPeriodOfKind()
  period!: string;

  @ApiProperty({ example: 'seed-city', description: 'The jurisdiction (a supervisor: its own).' })
  @IsCode()
  jurisdiction!: string;
}

/** GET /v1/bulletins?kind=&period=&jurisdiction= */
export class BulletinListQueryDto {
  @ApiPropertyOptional({ enum: BULLETIN_KINDS }) @IsOptional() @IsIn(BULLETIN_KINDS, { message: 'kind must be monthly or quarterly' }) kind?: BulletinKind;
  @ApiPropertyOptional({ example: '2026-Q4' }) @IsOptional() @IsString() @IsPeriodOfKind() period?: string;
  @ApiPropertyOptional({ example: 'seed-city' }) @IsOptional() @IsCode() jurisdiction?: string;
}

export class BulletinSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: BULLETIN_KINDS }) kind!: BulletinKind;
  @ApiProperty({ example: '2026-Q4' }) period!: string;
  @ApiProperty({ example: 'seed-city' }) jurisdiction!: string;
  @ApiProperty({ description: '1 for the first bulletin of the period; a higher one only when its figures changed (events of the period that arrived late).' }) revision!: number;
  @ApiProperty({ example: '2027-01-01T00:00:03.000Z' }) generatedAt!: string;
  @ApiProperty({ description: "'schedule' or the calling system that asked for it." }) generatedBy!: string;
  @ApiProperty({ example: '2026年第四季度政务舆情回应和依申请公开办理情况通报' }) title!: string;
  @ApiProperty({ description: 'sha256 (hex) of the figures JSON.' }) figuresSha256!: string;
  @ApiProperty({ description: 'sha256 (hex) of the HTML bytes (UTF-8).' }) htmlSha256!: string;
  @ApiProperty({ description: 'sha256 (hex) of the PDF bytes; its ETag.' }) pdfSha256!: string;
  @ApiProperty() pdfBytes!: number;
  @ApiProperty({ example: '/v1/bulletins/…/pdf' }) links!: { html: string; pdf: string };
}

export class BulletinListDto {
  @ApiProperty({ type: [BulletinSummaryDto] }) items!: BulletinSummaryDto[];
}

export class BulletinViewDto extends BulletinSummaryDto {
  @ApiProperty({ type: Object, description: 'The figures the document shows (totals, previous period and trend, ranked departments, named cases, chart series).' })
  figures!: Record<string, unknown>;
}

export class GeneratedBulletinDto extends BulletinViewDto {
  @ApiProperty({ description: 'false: a bulletin with the same figures was stored already and is returned as it is.' }) created!: boolean;
}
