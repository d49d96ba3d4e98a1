// Where a report stands in time and place before it is stored (pure): when its matter was discovered, and under which
// policy jurisdiction it runs. The REST, gRPC and 12345 paths all go through here.
import { discoveredAtProblem } from '@huiying/contracts';

/** Reach '*' covers every jurisdiction, '' none (libs/access ALL_JURISDICTIONS, NO_JURISDICTION): neither binds. */
const UNBOUND = ['*', ''];

/**
 * The policy jurisdiction of a new report: the one it names, else the calling system's own (when it is bound to one),
 * else null — routing applies the deployment's default. A system bound to one jurisdiction may not submit for another.
 */
export function reportJurisdiction(
  requested: string | undefined,
  caller: { jurisdiction: string; systemId?: string } | undefined,
): { jurisdiction: string | null } | { refused: string } {
  const own = caller && !UNBOUND.includes(caller.jurisdiction) ? caller.jurisdiction : null;
  if (requested && own && requested !== own) {
    return { refused: `the calling system ${caller?.systemId ?? ''} submits for jurisdiction ${own}, not ${requested}`.replace('  ', ' ') };
  }
  return { jurisdiction: requested ?? own };
}

/**
 * A 12345 work order's discovery: the platform learnt of the matter when the call came in (callTime), unless that time
 * is not acceptable as a discovery time (in the future beyond the clock skew): then null — the receipt time stands in.
 */
export function workOrderDiscoveredAt(callTime: Date, now: Date): Date | null {
  return discoveredAtProblem(callTime.toISOString(), null, now.getTime()) === null ? callTime : null;
}
