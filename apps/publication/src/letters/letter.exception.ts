import { HttpException, HttpStatus } from '@nestjs/common';

export enum LetterExceptionCode {
  LetterNotFound = 'LETTER_NOT_FOUND',
}

const STATUS: Record<LetterExceptionCode, HttpStatus> = {
  [LetterExceptionCode.LetterNotFound]: HttpStatus.NOT_FOUND,
};

/** The reply-letter feature's one exception; the code decides the HTTP status. */
export class LetterException extends HttpException {
  constructor(
    readonly code: LetterExceptionCode,
    message: string,
  ) {
    super({ statusCode: STATUS[code], code, message }, STATUS[code]);
  }
}
