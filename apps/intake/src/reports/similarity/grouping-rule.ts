// The near-duplicate grouping rule (pure): which open case, if any, a new report joins on its text.
import { fingerprintSimilarity, NEAR_DUPLICATE_THRESHOLD } from './text-fingerprint';

/** Policy default of the time window (hours between the candidate's receipt and the new report's). */
export const DEFAULT_NEAR_DUPLICATE_WINDOW_HOURS = 72;

export interface GroupingCandidate {
  reportId: string;
  caseId: string;
  placeKey: string | null;
  fingerprint: Buffer | null;
  receivedAt: Date;
}

export interface NewReportForGrouping {
  placeKey: string | null;
  fingerprint: Buffer | null;
  receivedAt: Date;
}

export interface GroupingMatch {
  caseId: string;
  /** The report of the case the new one is most similar to. */
  reportId: string;
  /** Estimated Jaccard similarity (0–1, two decimals' worth of slots: k/128). */
  similarity: number;
}

/**
 * The case a report joins on its text: among the candidates (reports of open cases), those of the same place key,
 * received at most `windowHours` before it, whose fingerprint is at least `threshold` similar; the most similar wins
 * (ties: the most recently received). No place or no fingerprint on either side: no match.
 */
export function nearDuplicateMatch(
  report: NewReportForGrouping,
  candidates: readonly GroupingCandidate[],
  windowHours: number = DEFAULT_NEAR_DUPLICATE_WINDOW_HOURS,
  threshold: number = NEAR_DUPLICATE_THRESHOLD,
): GroupingMatch | null {
  if (!report.placeKey || !report.fingerprint) return null;
  const earliest = report.receivedAt.getTime() - windowHours * 3_600_000;
  let best: (GroupingMatch & { at: number }) | null = null;
  for (const c of candidates) {
    if (c.placeKey !== report.placeKey || !c.fingerprint) continue;
    const at = c.receivedAt.getTime();
    // a candidate stamped a little later is still one (two reports racing: the one that waited for the lock may carry
    // the earlier time), so only the start of the window is checked
    if (at < earliest) continue;
    const similarity = fingerprintSimilarity(report.fingerprint, c.fingerprint);
    if (similarity < threshold) continue;
    if (!best || similarity > best.similarity || (similarity === best.similarity && at > best.at)) {
      best = { caseId: c.caseId, reportId: c.reportId, similarity, at };
    }
  }
  return best && { caseId: best.caseId, reportId: best.reportId, similarity: best.similarity };
}
