import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CaseHistoryItemDto {
  @ApiProperty() sequence!: number;
  @ApiProperty() stage!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) previousStage!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) department!: string | null;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ type: Object }) detail!: Record<string, unknown>;
}

export class CaseViewDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: ['opinion', 'disclosure'] }) kind!: string;
  @ApiProperty() stage!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) department!: string | null;
  @ApiProperty({ type: [String] }) ccDepartments!: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) grade!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) jurisdiction!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: [CaseHistoryItemDto] }) history!: CaseHistoryItemDto[];
}
