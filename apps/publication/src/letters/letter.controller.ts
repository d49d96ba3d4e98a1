import { RequireScope } from '@huiying/access';
import { Controller, Get, Header, Param, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ReplyLetterViewDto } from '@huiying/contracts';
import { LetterService } from './letter.service';

/** Reply letters (政府信息公开申请答复告知书) by case id. The .html and .pdf routes come first: ':caseId' never sees them. */
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
  @Get(':caseId')
  @ApiOperation({ summary: 'The reply letter of a case: reference, reply type, articles cited, dates, hashes, copy (抄送) record' })
  @ApiOkResponse({ type: ReplyLetterViewDto })
  @ApiNotFoundResponse({ description: 'No letter for this case (yet).' })
  meta(@Param('caseId', new ParseUUIDPipe()) caseId: string): Promise<ReplyLetterViewDto> {
    return this.letters.view(caseId);
  }
}
