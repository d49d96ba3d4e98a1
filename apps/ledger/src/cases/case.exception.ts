import { HttpException, HttpStatus } from '@nestjs/common';

export enum CaseExceptionCode {
  CaseNotFound = 'CASE_NOT_FOUND',
  InvalidPageToken = 'INVALID_PAGE_TOKEN',
}

const STATUS: Record<CaseExceptionCode, HttpStatus> = {
  [CaseExceptionCode.CaseNotFound]: HttpStatus.NOT_FOUND,
  [CaseExceptionCode.InvalidPageToken]: HttpStatus.BAD_REQUEST,
};

export class CaseException extends HttpException {
  constructor(
    readonly code: CaseExceptionCode,
    message: string,
  ) {
    super({ statusCode: STATUS[code], code, message }, STATUS[code]);
  }
}
