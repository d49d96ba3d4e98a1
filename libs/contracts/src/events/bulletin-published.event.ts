import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Min, ValidateNested } from 'class-validator';

/** A case a bulletin names (通报): escalated (督办) in the period or overdue at its end, with its lead department. */
export class BulletinNamedCaseV1 {
  @IsUUID() caseId!: string;
  @IsOptional() @IsString() department!: string | null;
  @IsString() @IsNotEmpty() clock!: string;
  @IsOptional() @IsInt() @Min(0) lateSeconds!: number | null;
}

/**
 * ledger.bulletins.published.v1 — the ledger stored a bulletin (季通报 quarterly / 月报 monthly) of a jurisdiction's
 * period, through its outbox in the same transaction. Keyed `bulletin:<kind>:<period>:<jurisdiction>`; envelope id
 * `bulletin:<bulletinId>`. A new revision of the same period (its figures changed) is a new message; the same figures
 * generated again are not. No personal data: cases by id and department.
 */
export class BulletinPublishedV1 {
  @IsUUID() bulletinId!: string;
  @IsIn(['monthly', 'quarterly']) kind!: 'monthly' | 'quarterly';
  @Matches(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/) period!: string;
  @IsString() @IsNotEmpty() jurisdiction!: string;
  @IsInt() @Min(1) revision!: number;
  @IsISO8601({ strict: true }) generatedAt!: string;
  @Matches(/^[0-9a-f]{64}$/) pdfSha256!: string;
  @Matches(/^[0-9a-f]{64}$/) htmlSha256!: string;
  @Matches(/^[0-9a-f]{64}$/) figuresSha256!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => BulletinNamedCaseV1) namedCases!: BulletinNamedCaseV1[];
}
