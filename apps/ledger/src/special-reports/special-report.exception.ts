import { HttpException, HttpStatus } from '@nestjs/common';

export enum SpecialReportExceptionCode {
  /** The case is not in the ledger (yet). */
  CaseNotFound = 'CASE_NOT_FOUND',
  /** No such version of the case's special report. */
  ReportNotFound = 'SPECIAL_REPORT_NOT_FOUND',
  /** Special reports are written on opinion cases (舆情), not disclosure applications. */
  NotAnOpinionCase = 'SPECIAL_REPORT_NOT_AN_OPINION_CASE',
}

const STATUS: Record<SpecialReportExceptionCode, HttpStatus> = {
  [SpecialReportExceptionCode.CaseNotFound]: HttpStatus.NOT_FOUND,
  [SpecialReportExceptionCode.ReportNotFound]: HttpStatus.NOT_FOUND,
  [SpecialReportExceptionCode.NotAnOpinionCase]: HttpStatus.CONFLICT,
};

export class SpecialReportException extends HttpException {
  constructor(
    readonly code: SpecialReportExceptionCode,
    message: string,
  ) {
    super({ statusCode: STATUS[code], code, message }, STATUS[code]);
  }
}
