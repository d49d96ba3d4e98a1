import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LetterCopyDto {
  @ApiProperty({ example: 'disclosure_office' }) department!: string;
  @ApiProperty({ example: '政务公开工作领导小组办公室' }) departmentName!: string;
  @ApiProperty() copiedAt!: string;
}

/** A stored reply letter (政府信息公开申请答复告知书): `replyLetter` of GET /v1/letters/:caseId. */
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

/** One document of a case: the reply letter or a notice, with its own URLs. */
export class CaseDocumentDto {
  @ApiProperty({ example: 'n1', description: '`reply-letter`, or the notice id in the case (n1, n2 …).' }) documentId!: string;
  @ApiProperty({ example: 'correction_notice', description: 'disclosure_reply_letter or a notice kind (correction_notice, consultation_request, extension_notice, fee_notice, public_interest_override_notice, excessive_reasons_request, excessive_period_notice).' })
  kind!: string;
  @ApiProperty({ example: '政府信息公开申请补正告知书' }) title!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ example: 'applicant', description: 'applicant, third_party or co_producing_agency' }) addressee!: string;
  @ApiProperty({ format: 'date' }) issuedOn!: string;
  @ApiProperty({ type: [String], description: 'articles of 中华人民共和国政府信息公开条例 cited' }) articles!: string[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'reply letters: the remedies version quoted' }) remediesVersion!: string | null;
  @ApiProperty() htmlSha256!: string;
  @ApiProperty() pdfSha256!: string;
  @ApiProperty() pdfBytes!: number;
  @ApiProperty({ example: { html: '/v1/letters/<caseId>/documents/n1.html', pdf: '/v1/letters/<caseId>/documents/n1.pdf' } }) links!: { html: string; pdf: string };
}

/** GET /v1/letters/:caseId — every document of a case (notices in the order issued, then the reply letter). */
export class CaseDocumentsDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: [CaseDocumentDto] }) documents!: CaseDocumentDto[];
  @ApiPropertyOptional({ type: ReplyLetterViewDto, nullable: true, description: 'The reply letter in detail (copies, hashes), once issued.' }) replyLetter!: ReplyLetterViewDto | null;
}
