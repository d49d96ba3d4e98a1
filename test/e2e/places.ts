import { randomUUID } from 'node:crypto';

/**
 * A township of its own for one test report. Intake groups near-duplicate reports of the same place received within
 * 72 hours into one case; the suites' reports share their texts, so each report that must open its own case gets a
 * place no other report (of this or an earlier run) has.
 */
export function ownPlace(district = '城关区', township = '东风街道'): { district: string; township: string } {
  return { district, township: `${township}${randomUUID().slice(0, 8)}` };
}
