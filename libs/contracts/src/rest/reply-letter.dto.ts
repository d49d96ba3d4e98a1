import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LetterCopyDto {
  @ApiProperty({ example: 'disclosure_office' }) department!: string;
  @ApiProperty({ example: '政务公开工作领导小组办公室' }) departmentName!: string;
  @ApiProperty() copiedAt!: string;
}

/** GET /v1/letters/:caseId — a stored reply letter (政府信息公开申请答复告知书). */
export class ReplyLetterViewDto {
  @ApiProperty({ format: 'uuid' }) letterId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ example: 'partly_disclosed' }) replyType!: string;
  @ApiProperty({ example: 'partly_disclosed', description: 'annual-report result code (table 三)' }) resultCode!: string;
  @ApiProperty({ example: '依申请公开告〔2026〕1a2b3c4d号' }) reference!: string;
  @ApiProperty({ type: [String], example: ['第三十七条', '第三十六条第（二）项', '第十五条', '第五十一条'], description: 'articles of 中华人民共和国政府信息公开条例 cited' })
  articles!: string[];
  @ApiProperty({ format: 'date' }) receivedOn!: string;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) answerDue!: string | null;
  @ApiProperty({ format: 'date' }) issuedOn!: string;
  @ApiProperty() htmlSha256!: string;
  @ApiProperty() pdfSha256!: string;
  @ApiProperty() pdfBytes!: number;
  @ApiProperty({ example: 'NotoSansHans-Regular.otf' }) font!: string;
  @ApiPropertyOptional({ example: 'cn-remedies-2024', nullable: true, type: String, description: 'The remedies (救济途径) version quoted: the one in force on the issue date (复议前置 for 不予公开 from 2024-01-01).' })
  remediesVersion!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: [LetterCopyDto], description: '抄送: the copy to the supervising disclosure department' }) copies!: LetterCopyDto[];
  @ApiProperty({ example: { html: '/v1/letters/<caseId>.html', pdf: '/v1/letters/<caseId>.pdf' } }) links!: { html: string; pdf: string };
}
