import { SetMetadata } from '@nestjs/common';
import { ACCESS_RULE_METADATA, PublicRoute } from '@huiying/platform';
import type { Scope } from './access.types';

export const ACCESS_METADATA = ACCESS_RULE_METADATA;

export type AccessRule =
  | { public: true }
  | {
      public?: false;
      scope: Scope;
      /**
       * Where the case this call targets is named: a route parameter (REST) or request field (gRPC). Default: `caseId`,
       * else `id`. `false`: the call names no case (lists filter by reach themselves).
       */
      caseParam?: string | false;
      /** false: not for department callers (cross-case views such as the daily log, which lists every department's cases). */
      departments?: boolean;
      /** Why department callers are refused, for the 403 message (default: the call spans every department's cases). */
      departmentsRefusal?: string;
    };

/** The scope a route or RPC needs; the caller must also reach the case it names (department / jurisdiction). */
export const RequireScope = (scope: Scope, opts: { caseParam?: string | false; departments?: boolean; departmentsRefusal?: string } = {}) => SetMetadata(ACCESS_METADATA, { scope, ...opts } satisfies AccessRule);

/** Open to anyone without a key: only /health, /metrics and published schemas (documented in OpenAPI as needing none). */
export const Public = PublicRoute;
