import { SetMetadata, type CanActivate, type NestInterceptor } from '@nestjs/common';

/**
 * Metadata key of a handler's access rule (libs/access: @RequireScope / @Public). Defined here so that platform
 * controllers (health) can be marked public without depending on libs/access.
 */
export const ACCESS_RULE_METADATA = 'huiying:access';

/** Marks a platform route as open without credentials (same as @Public() of libs/access). */
export const PublicRoute = () => SetMetadata(ACCESS_RULE_METADATA, { public: true });

/**
 * Guards and interceptors the gRPC side of a hybrid app must apply (it does not inherit the HTTP app's global
 * enhancers). libs/access provides them; bootstrapHttpApp applies them when the token is present.
 */
export const GRPC_ENHANCERS = Symbol.for('huiying.grpc-enhancers');
export interface GrpcEnhancers {
  guards: CanActivate[];
  interceptors: NestInterceptor[];
}
