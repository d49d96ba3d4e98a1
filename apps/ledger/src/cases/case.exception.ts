import { HttpException, HttpStatus } from '@nestjs/common';

export enum CaseExceptionCode {
  CaseNotFound = 'CASE_NOT_FOUND',
}

const STATUS: Record<CaseExceptionCode, HttpStatus> = {
  [CaseExceptionCode.CaseNotFound]: HttpStatus.NOT_FOUND,
};

export class CaseException extends HttpException {
  constructor(
    readonly code: CaseExceptionCode,
    message: string,
  ) {
    super({ statusCode: STATUS[code], code, message }, STATUS[code]);
  }
}
