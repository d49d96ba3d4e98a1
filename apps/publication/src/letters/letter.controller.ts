import { RequireScope } from '@huiying/access';
import { BadRequestException, Controller, Get, Header, Param, ParseUUIDPipe, StreamableFile, type PipeTransform } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CaseDocumentDto, CaseDocumentsDto } from '@huiying/contracts';
import { LetterService } from './letter.service';

/** A document id: `reply-letter` or a notice id of the case (n1, n2 …). */
class ParseDocumentIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(value)) throw new BadRequestException({ statusCode: 400, message: 'documentId is reply-letter or a notice id such as n1', errors: [{ field: 'documentId', messages: ['must be reply-letter or a notice id (letters, digits, - or _)'] }] });
    return value;
  }
}

const pdfFile = (pdf: Buffer, name: string) => new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="${name}.pdf"`, length: pdf.length });
const DOCUMENT_ID = { name: 'documentId', example: 'n1', description: '`reply-letter`, or the notice id in the case (`notices[].id` of the case state).' };

/**
 * The documents of a disclosure application by case id: the reply letter (政府信息公开申请答复告知书) and the notices of
 * the process (补正告知书, 征求意见书, 延期答复告知书, 收费通知书 …). The .html and .pdf routes come first: ':caseId'
 * and ':documentId' never see them.
 */
@ApiTags('letters')
@ApiBadRequestResponse({ description: 'The case id is not a UUID, or the document id is not one.' })
@ApiUnauthorizedResponse({ description: 'No API key, or one that is not valid.' })
@ApiForbiddenResponse({ description: 'The calling system lacks scope read, or the case is outside its reach.' })
@ApiTooManyRequestsResponse({ description: 'Rate limit of the calling system exceeded on this instance (Retry-After).' })
@Controller('v1/letters')
export class LetterController {
  constructor(private readonly letters: LetterService) {}

  @RequireScope('read')
  @Get(':caseId.html')
  @ApiOperation({ summary: 'The reply letter as HTML (UTF-8)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The reply letter.', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiNotFoundResponse({ description: 'No reply letter for this case (yet): LETTER_NOT_FOUND.' })
  @Header('content-type', 'text/html; charset=utf-8')
  html(@Param('caseId', new ParseUUIDPipe()) caseId: string): Promise<string> {
    return this.letters.html(caseId);
  }

  @RequireScope('read')
  @Get(':caseId.pdf')
  @ApiOperation({ summary: 'The reply letter as PDF (Chinese font embedded)' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The reply letter.', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiNotFoundResponse({ description: 'No reply letter for this case (yet): LETTER_NOT_FOUND.' })
  async pdf(@Param('caseId', new ParseUUIDPipe()) caseId: string): Promise<StreamableFile> {
    return pdfFile((await this.letters.pdf(caseId)).pdf, `reply-letter-${caseId}`);
  }

  @RequireScope('read')
  @Get(':caseId/documents/:documentId.html')
  @ApiOperation({ summary: 'One document of the case as HTML (UTF-8)' })
  @ApiParam(DOCUMENT_ID)
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The document.', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiNotFoundResponse({ description: 'The case has no such document (yet): DOCUMENT_NOT_FOUND.' })
  @Header('content-type', 'text/html; charset=utf-8')
  documentHtml(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Param('documentId', new ParseDocumentIdPipe()) documentId: string): Promise<string> {
    return this.letters.documentHtml(caseId, documentId);
  }

  @RequireScope('read')
  @Get(':caseId/documents/:documentId.pdf')
  @ApiOperation({ summary: 'One document of the case as PDF (Chinese font embedded)' })
  @ApiParam(DOCUMENT_ID)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The document.', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiNotFoundResponse({ description: 'The case has no such document (yet): DOCUMENT_NOT_FOUND.' })
  async documentPdf(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Param('documentId', new ParseDocumentIdPipe()) documentId: string): Promise<StreamableFile> {
    return pdfFile(await this.letters.documentPdf(caseId, documentId), `${documentId}-${caseId}`);
  }

  @RequireScope('read')
  @Get(':caseId/documents/:documentId')
  @ApiOperation({ summary: 'One document of the case: kind, title, reference, addressee, articles and sources cited, remedies version, hashes, links' })
  @ApiParam(DOCUMENT_ID)
  @ApiOkResponse({ type: CaseDocumentDto })
  @ApiNotFoundResponse({ description: 'The case has no such document (yet): DOCUMENT_NOT_FOUND.' })
  document(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Param('documentId', new ParseDocumentIdPipe()) documentId: string): Promise<CaseDocumentDto> {
    return this.letters.document(caseId, documentId);
  }

  @RequireScope('read')
  @Get(':caseId')
  @ApiOperation({ summary: 'Every document of a case — the notices in the order issued, then the reply letter — each with its own URLs; the reply letter also in detail' })
  @ApiOkResponse({ type: CaseDocumentsDto })
  @ApiNotFoundResponse({ description: 'No document for this case (yet): NO_DOCUMENTS.' })
  documents(@Param('caseId', new ParseUUIDPipe()) caseId: string): Promise<CaseDocumentsDto> {
    return this.letters.documents(caseId);
  }
}
