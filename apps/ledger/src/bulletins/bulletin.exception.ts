import { HttpException, HttpStatus } from '@nestjs/common';

export enum BulletinExceptionCode {
  BulletinNotFound = 'BULLETIN_NOT_FOUND',
  /** The period has not ended: its figures could still change, so no bulletin is made of it. */
  PeriodNotEnded = 'BULLETIN_PERIOD_NOT_ENDED',
}

const STATUS: Record<BulletinExceptionCode, HttpStatus> = {
  [BulletinExceptionCode.BulletinNotFound]: HttpStatus.NOT_FOUND,
  [BulletinExceptionCode.PeriodNotEnded]: HttpStatus.BAD_REQUEST,
};

export class BulletinException extends HttpException {
  constructor(
    readonly code: BulletinExceptionCode,
    message: string,
    field?: string,
  ) {
    super({ statusCode: STATUS[code], code, message, ...(field ? { errors: [{ field, messages: [message] }] } : {}) }, STATUS[code]);
  }
}
