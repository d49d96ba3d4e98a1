import { CurrentCaller, RequireScope, type Caller } from '@huiying/access';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { BulletinListDto, BulletinListQueryDto, BulletinViewDto, GenerateBulletinDto, GeneratedBulletinDto } from '@huiying/contracts';
import { BulletinService } from './bulletin.service';

/** 2026-Q4 → 2026年第四季度通报; 2026-11 → 2026年11月月报 (the file name a download is saved under). */
function fileName(m: { kind: string; period: string; jurisdiction: string }, ext: string): { ascii: string; chinese: string } {
  const quarter = ['一', '二', '三', '四'][Number(m.period.slice(6)) - 1];
  const name = m.kind === 'quarterly' ? `${m.period.slice(0, 4)}年第${quarter}季度通报` : `${m.period.slice(0, 4)}年${Number(m.period.slice(5, 7))}月月报`;
  return { ascii: `bulletin-${m.kind}-${m.period}-${m.jurisdiction}.${ext}`, chinese: `${m.jurisdiction}-${name}.${ext}` };
}

const disposition = (names: { ascii: string; chinese: string }) => `inline; filename="${names.ascii}"; filename*=UTF-8''${encodeURIComponent(names.chinese)}`;

/**
 * Bulletins (季通报 quarterly, 月报 monthly). The .html and .pdf routes come first: ':id' alone would take "….pdf".
 * Reads need `read`, generation `act`; department keys are refused (a bulletin covers every department), supervisors
 * reach their jurisdiction.
 */
@ApiTags('bulletins')
@Controller('v1/bulletins')
export class BulletinController {
  constructor(private readonly bulletins: BulletinService) {}

  @RequireScope('act', { caseParam: false })
  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Generate the bulletin of a period that has ended (or find it): 201 when stored now, 200 when a bulletin with the same figures exists',
    description: 'Figures are computed again from the read model; the same figures as the stored revision return it unchanged, different ones (late events of the period) store a new revision and emit ledger.bulletins.published.v1. 400 on a period that does not fit the kind or has not ended.',
  })
  @ApiOkResponse({ type: GeneratedBulletinDto, description: 'A bulletin with the same figures was stored already.' })
  @ApiCreatedResponse({ type: GeneratedBulletinDto, description: 'Stored and published now.' })
  async generate(@Body() body: GenerateBulletinDto, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<GeneratedBulletinDto> {
    const b = await this.bulletins.generate(body.kind, body.period, body.jurisdiction, { caller });
    if (b.created) res.status(201);
    return b;
  }

  @RequireScope('read', { caseParam: false })
  @Get()
  @ApiOperation({ summary: 'Bulletins, newest first (a supervisor: its jurisdiction)' })
  @ApiOkResponse({ type: BulletinListDto })
  async list(@Query() q: BulletinListQueryDto, @CurrentCaller() caller: Caller): Promise<BulletinListDto> {
    return { items: await this.bulletins.list(q, caller) };
  }

  @RequireScope('read', { caseParam: false })
  @Get(':id.html')
  @ApiOperation({ summary: 'The bulletin as one HTML page (charts as inline SVG); ETag = its sha256' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiNotFoundResponse({ description: 'No such bulletin.' })
  async html(@Param('id', new ParseUUIDPipe()) id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { meta, html } = await this.bulletins.html(id, caller);
    res.setHeader('etag', `"${meta.htmlSha256}"`);
    const bytes = Buffer.from(html, 'utf8');
    return new StreamableFile(bytes, { type: 'text/html; charset=utf-8', disposition: disposition(fileName(meta, 'html')), length: bytes.length });
  }

  @RequireScope('read', { caseParam: false })
  @Get(':id.pdf')
  @ApiOperation({ summary: 'The bulletin as PDF (Chinese font embedded, charts as vector graphics); ETag = its sha256' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF.', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiNotFoundResponse({ description: 'No such bulletin.' })
  async pdf(@Param('id', new ParseUUIDPipe()) id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { meta, pdf } = await this.bulletins.pdf(id, caller);
    res.setHeader('etag', `"${meta.pdfSha256}"`);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: disposition(fileName(meta, 'pdf')), length: pdf.length });
  }

  @RequireScope('read', { caseParam: false })
  @Get(':id')
  @ApiOperation({ summary: 'One bulletin: metadata, sha256 of each form, and its figures' })
  @ApiOkResponse({ type: BulletinViewDto })
  @ApiNotFoundResponse({ description: 'No such bulletin.' })
  async view(@Param('id', new ParseUUIDPipe()) id: string, @CurrentCaller() caller: Caller): Promise<BulletinViewDto> {
    return this.bulletins.view(id, caller);
  }
}
