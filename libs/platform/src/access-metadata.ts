import { applyDecorators, SetMetadata, type CanActivate, type NestInterceptor } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { OPENAPI_PUBLIC } from './openapi';

/**
 * Metadata key of a handler's access rule (libs/access: @RequireScope / @Public). Defined here so that platform
 * controllers (health) can be marked public without depending on libs/access.
 */
export const ACCESS_RULE_METADATA = 'huiying:access';

/**
 * Marks a route as open without credentials (libs/access's @Public() is this): the guard lets it through, and its
 * OpenAPI operation says `security: []` and no 401/403/429 (openapi.ts).
 */
export const PublicRoute = () => applyDecorators(SetMetadata(ACCESS_RULE_METADATA, { public: true }), ApiExtension(OPENAPI_PUBLIC, true));

/**
 * Guards and interceptors the gRPC side of a hybrid app must apply (it does not inherit the HTTP app's global
 * enhancers). libs/access provides them; bootstrapHttpApp applies them when the token is present.
 */
export const GRPC_ENHANCERS = Symbol.for('huiying.grpc-enhancers');
export interface GrpcEnhancers {
  guards: CanActivate[];
  interceptors: NestInterceptor[];
}
