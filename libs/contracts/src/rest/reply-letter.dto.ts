import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { DISCLOSURE_NOTICE_KINDS, NOTICE_ADDRESSEES, type DisclosureNoticeKind, type NoticeAddressee } from '../workflow/disclosure-notices';

/** The kinds of document publication issues on a disclosure application: the reply letter and the notices. */
export const CASE_DOCUMENT_KINDS = ['disclosure_reply_letter', ...DISCLOSURE_NOTICE_KINDS] as const;
export type CaseDocumentKind = 'disclosure_reply_letter' | DisclosureNoticeKind;

const CITATIONS: ApiPropertyOptions = {
  type: [String],
  example: ['《中华人民共和国政府信息公开条例》第三十七条', '《中华人民共和国行政复议法》第二十三条第一款第（四）项、第二款'],
  description: 'every source cited, with its document (empty for documents stored before citations were recorded)',
};

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
  @ApiProperty(CITATIONS) citations!: string[];
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: [LetterCopyDto], description: '抄送: the copy to the supervising disclosure department' }) copies!: LetterCopyDto[];
  @ApiProperty({ example: { html: '/v1/letters/<caseId>.html', pdf: '/v1/letters/<caseId>.pdf' } }) links!: { html: string; pdf: string };
}

export class CaseDocumentLinksDto {
  @ApiProperty({ example: '/v1/letters/<caseId>/documents/n1' }) self!: string;
  @ApiProperty({ example: '/v1/letters/<caseId>/documents/n1.html' }) html!: string;
  @ApiProperty({ example: '/v1/letters/<caseId>/documents/n1.pdf' }) pdf!: string;
}

/** One document of a case: the reply letter or a notice (补正告知书, 征求意见书 …), with its own URLs. */
export class CaseDocumentDto {
  @ApiProperty({ example: 'n1', description: '`reply-letter`, or the notice id in the case (n1, n2 …: `notices[].id` of the case state).' }) documentId!: string;
  @ApiProperty({ enum: CASE_DOCUMENT_KINDS, example: 'correction_notice' }) kind!: CaseDocumentKind;
  @ApiProperty({ example: '政府信息公开申请补正告知书' }) title!: string;
  @ApiProperty({ example: '依申请公开补〔2026〕1a2b3c4d-n1号', description: '文号' }) reference!: string;
  @ApiProperty({ enum: NOTICE_ADDRESSEES, description: 'Who it is addressed to (in the document the applicant is named by application number).' }) addressee!: NoticeAddressee;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'n1', description: 'The notice id (null for the reply letter).' }) noticeId!: string | null;
  @ApiProperty({ example: '<caseId>:notice:n1', description: 'The publication.requested.v1 envelope id it was rendered from.' }) requestId!: string;
  @ApiProperty({ format: 'date' }) issuedOn!: string;
  @ApiProperty({ type: [String], example: ['第三十条', '第二十九条第二款'], description: 'articles of 中华人民共和国政府信息公开条例 cited' }) articles!: string[];
  @ApiProperty(CITATIONS) citations!: string[];
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'cn-remedies-2024',
    description: 'The remedies (救济途径) version quoted — the one in force on the issue date — by documents that state remedies (the reply letter, the third-party override notice).',
  })
  remediesVersion!: string | null;
  @ApiProperty() htmlSha256!: string;
  @ApiProperty() pdfSha256!: string;
  @ApiProperty() pdfBytes!: number;
  @ApiProperty({ example: 'NotoSansHans-Regular.otf' }) font!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: CaseDocumentLinksDto }) links!: CaseDocumentLinksDto;
}

/** GET /v1/letters/:caseId — every document of a case (the notices in the order issued, then the reply letter). */
export class CaseDocumentsDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: [CaseDocumentDto] }) documents!: CaseDocumentDto[];
  @ApiPropertyOptional({ type: ReplyLetterViewDto, nullable: true, description: 'The reply letter in detail (reply type, dates, copies), once issued.' }) replyLetter!: ReplyLetterViewDto | null;
}
