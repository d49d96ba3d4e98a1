import { RequireScope } from '@huiying/access';
import { Body, Controller, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ConvertToOpinionCaseDto,
  ConvertToOpinionCaseResponseDto,
  SubmitDisclosureApplicationDto,
  SubmitDisclosureApplicationResponseDto,
} from '@huiying/contracts';
import { DisclosureApplicationService } from './disclosure.service';

@ApiTags('disclosure applications')
@Controller('v1/disclosure-applications')
export class DisclosureApplicationController {
  constructor(private readonly applications: DisclosureApplicationService) {}

  @RequireScope('submit')
  @Post()
  @ApiOperation({
    summary: 'Submit a government-information disclosure application (政府信息公开申请)',
    description:
      'Stored with its event before it is acknowledged. The receipt date follows the channel (in person: handed in; post: signed for; online: today in Asia/Shanghai). ' +
      'A complaint, petition or report (filedAs) is answered as not a disclosure application, with the right channel.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same as clientRef: a retry never creates a second application.' })
  @ApiAcceptedResponse({ type: SubmitDisclosureApplicationResponseDto, description: 'Stored; the case workflow is being started.' })
  @ApiOkResponse({ type: SubmitDisclosureApplicationResponseDto, description: 'Already received (same clientRef): nothing new stored.' })
  @ApiBadRequestResponse({ description: 'Field-level validation errors; nothing stored.' })
  async submit(
    @Body() dto: SubmitDisclosureApplicationDto,
    @Res({ passthrough: true }) res: Response,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<SubmitDisclosureApplicationResponseDto> {
    const result = await this.applications.submit(dto, idempotencyKey);
    res.status(result.duplicate ? HttpStatus.OK : HttpStatus.ACCEPTED);
    return result;
  }

  @RequireScope('act')
  @Post(':id/convert-to-opinion-case')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Turn a complaint/petition/report filed as an application into an opinion case (idempotent)' })
  @ApiOkResponse({ type: ConvertToOpinionCaseResponseDto })
  @ApiNotFoundResponse({ description: 'No such application.' })
  @ApiConflictResponse({ description: 'A real disclosure application is not converted.' })
  convert(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ConvertToOpinionCaseDto): Promise<ConvertToOpinionCaseResponseDto> {
    return this.applications.convertToOpinionCase(id, dto);
  }
}
