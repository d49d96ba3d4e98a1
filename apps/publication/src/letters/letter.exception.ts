import { HttpException, HttpStatus } from '@nestjs/common';

export enum LetterExceptionCode {
  LetterNotFound = 'LETTER_NOT_FOUND',
  DocumentNotFound = 'DOCUMENT_NOT_FOUND',
  NoDocuments = 'NO_DOCUMENTS',
}

const STATUS: Record<LetterExceptionCode, HttpStatus> = {
  [LetterExceptionCode.LetterNotFound]: HttpStatus.NOT_FOUND,
  [LetterExceptionCode.DocumentNotFound]: HttpStatus.NOT_FOUND,
  [LetterExceptionCode.NoDocuments]: HttpStatus.NOT_FOUND,
};

/** The letters feature's one exception (reply letters and notices); the code decides the HTTP status. */
export class LetterException extends HttpException {
  constructor(
    readonly code: LetterExceptionCode,
    message: string,
  ) {
    super({ statusCode: STATUS[code], code, message }, STATUS[code]);
  }
}
