import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { requireCaller } from './call-info';

/** The authenticated caller of a REST request (for handlers that filter by reach, e.g. lists). */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext) => requireCaller(ctx.switchToHttp().getRequest<object>()));
