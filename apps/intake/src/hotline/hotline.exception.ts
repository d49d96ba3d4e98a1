import { HttpException, HttpStatus } from '@nestjs/common';
import { HOTLINE_BATCH_MAX } from '@huiying/contracts';

export enum HotlineExceptionCode {
  BatchTooLarge = 'HOTLINE_BATCH_TOO_LARGE',
  WorkOrderNotFound = 'HOTLINE_WORK_ORDER_NOT_FOUND',
}

const STATUS: Record<HotlineExceptionCode, HttpStatus> = {
  [HotlineExceptionCode.BatchTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [HotlineExceptionCode.WorkOrderNotFound]: HttpStatus.NOT_FOUND,
};

export class HotlineException extends HttpException {
  constructor(
    readonly code: HotlineExceptionCode,
    message: string,
  ) {
    super({ statusCode: STATUS[code], code, message }, STATUS[code]);
  }

  static batchTooLarge(n: number): HotlineException {
    return new HotlineException(HotlineExceptionCode.BatchTooLarge, `a batch holds at most ${HOTLINE_BATCH_MAX} work orders, this one has ${n}: split it`);
  }
}
