import { RequireScope } from '@huiying/access';
import { Controller, Get, Header, Param, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CaseDocumentsDto } from '@huiying/contracts';
import { LetterService } from './letter.service';

/**
 * Documents of a case by case id: the reply letter (政府信息公开申请答复告知书) and the notices of the process. The .html
 * and .pdf routes come first: ':caseId' never sees them.
 */
@ApiTags('letters')
@Controller('v1/letters')
export class LetterController {
  constructor(private readonly letters: LetterService) {}

  @RequireScope('read')
  @Get(':caseId.html')
  @ApiOperation({ summary: 'The reply letter as HTML (UTF-8)' })
  @ApiProduces('text/html')
  @ApiNotFoundResponse({ description: 'No letter for this case (yet).' })
  @Header('content-type', 'text/html; charset=utf-8')
  html(@Param('caseId', new ParseUUIDPipe()) caseId: string): Promise<string> {
    return this.letters.html(caseId);
  }

  @RequireScope('read')
  @Get(':caseId.pdf')
  @ApiOperation({ summary: 'The reply letter as PDF (Chinese font embedded)' })
  @ApiProduces('application/pdf')
  @ApiNotFoundResponse({ description: 'No letter for this case (yet).' })
  async pdf(@Param('caseId', new ParseUUIDPipe()) caseId: string): Promise<StreamableFile> {
    const { pdf } = await this.letters.pdf(caseId);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="reply-letter-${caseId}.pdf"`, length: pdf.length });
  }

  @RequireScope('read')
  @Get(':caseId/documents/:noticeId.html')
  @ApiOperation({ summary: 'A notice of the case as HTML (UTF-8): 补正告知书, 征求意见书, 延期答复告知书, 收费通知书 …' })
  @ApiProduces('text/html')
  @ApiNotFoundResponse({ description: 'No such notice for this case.' })
  @Header('content-type', 'text/html; charset=utf-8')
  noticeHtml(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Param('noticeId') noticeId: string): Promise<string> {
    return this.letters.noticeHtml(caseId, noticeId);
  }

  @RequireScope('read')
  @Get(':caseId/documents/:noticeId.pdf')
  @ApiOperation({ summary: 'A notice of the case as PDF (Chinese font embedded)' })
  @ApiProduces('application/pdf')
  @ApiNotFoundResponse({ description: 'No such notice for this case.' })
  async noticePdf(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Param('noticeId') noticeId: string): Promise<StreamableFile> {
    const pdf = await this.letters.noticePdf(caseId, noticeId);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="notice-${caseId}-${noticeId}.pdf"`, length: pdf.length });
  }

  @RequireScope('read')
  @Get(':caseId')
  @ApiOperation({ summary: 'Every document of a case — the notices in the order issued, then the reply letter — each with its kind, articles, hashes and own URLs; the reply letter in detail (copies)' })
  @ApiOkResponse({ type: CaseDocumentsDto })
  @ApiNotFoundResponse({ description: 'No document for this case (yet).' })
  documents(@Param('caseId', new ParseUUIDPipe()) caseId: string): Promise<CaseDocumentsDto> {
    return this.letters.documents(caseId);
  }
}
