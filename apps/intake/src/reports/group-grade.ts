// The grade a group of reports calls for (pure): the same automatic grading model and lexicon as the assessment
// service, run by intake over every report of the case whenever the group grows, so that a growing group can raise
// the grade before anyone has claimed the case (the workflow only ever raises a grade from a group).
import type { Grade } from '@huiying/contracts';
import { caseFeatures, gradeOpinionCase, matchLexicon, OPINION_GRADING_MODEL_2026_1, SENSITIVE_LEXICON_2026_1 } from '@huiying/policy';

export interface GroupedReport {
  id: string;
  channel: string;
  receivedAt: Date;
  district: string | null;
  title: string;
  content: string;
}

export function groupGrade(reports: readonly GroupedReport[]): Grade {
  const signals = reports.map((r) => {
    const hits = matchLexicon(`${r.title}\n${r.content}`, SENSITIVE_LEXICON_2026_1);
    return { reportId: r.id, channel: r.channel, receivedAt: r.receivedAt.toISOString(), district: r.district, sensitiveTerms: hits.sensitive, casualtyTerms: hits.casualties };
  });
  return gradeOpinionCase(caseFeatures(signals, OPINION_GRADING_MODEL_2026_1), OPINION_GRADING_MODEL_2026_1).grade;
}
