// Automatic grading of public-opinion cases (研判): features of a case → a score made of named parts → a grade,
// a risk level, the response value and the 重大人员伤亡 / 社会影响较大 flags. Pure and versioned: the model and the
// sensitive-topic lexicon are data; every automatic assessment records the versions that produced it.
//
// DOMAIN.md case kind 1 step 4 and seed 000 (六): nature, scope of impact, public attention, media involvement,
// spread trend, likely consequences. The features and what each one adds to the score:
//
//   reports      number of reports of the matter      +perExtraReport for each report after the first (capped)
//   channels     distinct channels it arrived on      +perExtraChannel for each channel after the first (capped)
//   growth       reports within the growth window     +perReportInWindow for each one after the first (capped)
//                before the newest report (spread trend)
//   media        a news medium carries it             +media when any report came from newspaper / radio-TV /
//                (媒体介入)                            news comments
//   sensitive    sensitive-topic lexicon terms        +perSensitiveTerm per distinct term (capped); any term makes the
//                                                     case sensitive (joint consultation whatever its grade)
//   casualties   casualty terms (死亡, 伤亡 …)         +casualties; sets the heavyCasualties flag
//   territory    distinct districts it spans (属地)    +perExtraDistrict for each district after the first (capped)
//
// score = sum of the parts; grade = the highest threshold reached (general below `significant`).
import { toEpochMs } from '@huiying/calendar';
import type { Grade, OpinionFlags } from './opinion-deadlines';

/** The sensitive-topic lexicon (敏感话题词表): versioned data, matched as substrings of title + content. */
export interface SensitiveLexicon {
  version: string;
  /** Terms that make a case sensitive (会商 whatever the grade). */
  sensitive: readonly string[];
  /** Terms that indicate casualties (重大人员伤亡). */
  casualties: readonly string[];
}

export const SENSITIVE_LEXICON_2026_1: SensitiveLexicon = Object.freeze({
  version: '2026.1',
  sensitive: Object.freeze([
    '群体性', '聚集', '上访', '维权', '罢工', '拆迁', '强拆', '征地', '欠薪', '讨薪', '腐败', '贪污', '受贿', '官员',
    '食物中毒', '疫苗', '爆炸', '泄漏', '污染', '塌方', '垮塌', '校园欺凌', '涉外', '民族', '宗教', '暴力执法',
  ]),
  casualties: Object.freeze(['死亡', '身亡', '遇难', '伤亡', '丧生', '罹难', '重伤', '失踪']),
});

export interface GradingModel {
  version: string;
  weights: {
    perExtraReport: number;
    maxReports: number;
    perExtraChannel: number;
    maxChannels: number;
    perReportInWindow: number;
    maxGrowth: number;
    media: number;
    perSensitiveTerm: number;
    maxSensitive: number;
    casualties: number;
    perExtraDistrict: number;
    maxTerritory: number;
  };
  /** Hours before the newest report that count towards growth. */
  growthWindowHours: number;
  /** Minimum score of each grade above general. */
  thresholds: { significant: number; major: number; especially_major: number };
  /** Channels that mean a news medium is involved (媒体介入). */
  mediaChannels: readonly string[];
  /** At or above this score the case is flagged 社会影响较大 (a press conference within the policy's window). */
  largeSocialImpactScore: number;
}

export const OPINION_GRADING_MODEL_2026_1: GradingModel = Object.freeze({
  version: '2026.1',
  weights: Object.freeze({
    perExtraReport: 4,
    maxReports: 24,
    perExtraChannel: 5,
    maxChannels: 15,
    perReportInWindow: 3,
    maxGrowth: 15,
    media: 15,
    perSensitiveTerm: 10,
    maxSensitive: 20,
    casualties: 45,
    perExtraDistrict: 10,
    maxTerritory: 20,
  }),
  growthWindowHours: 6,
  thresholds: Object.freeze({ significant: 20, major: 45, especially_major: 70 }),
  mediaChannels: Object.freeze(['newspaper', 'radio_tv', 'news_comments']),
  largeSocialImpactScore: 70,
});

/** What the grading needs to know about one report of the case. */
export interface ReportSignal {
  reportId: string;
  channel: string;
  /** ISO instant intake received it. */
  receivedAt: string;
  district?: string | null;
  sensitiveTerms: readonly string[];
  casualtyTerms: readonly string[];
}

export interface CaseFeatures {
  reports: number;
  channels: string[];
  /** Reports within the growth window before the newest one (the newest included). */
  reportsInGrowthWindow: number;
  mediaInvolved: boolean;
  sensitiveTerms: string[];
  casualtyTerms: string[];
  districts: string[];
}

export const SCORE_PARTS = ['reports', 'channels', 'growth', 'media', 'sensitive', 'casualties', 'territory'] as const;
export type ScorePart = (typeof SCORE_PARTS)[number];

export interface GradingResult {
  modelVersion: string;
  score: number;
  scoreParts: Record<ScorePart, number>;
  grade: Grade;
  riskLevel: 'low' | 'medium' | 'high';
  /** Automatic grading keeps the response due (the policy's 48 h response); an analyst may waive it for a general case. */
  needsResponse: true;
  sensitive: boolean;
  flags: Required<OpinionFlags>;
}

/** The lexicon terms found in a text (each once, in lexicon order). */
export function matchLexicon(text: string, lexicon: SensitiveLexicon = SENSITIVE_LEXICON_2026_1): { sensitive: string[]; casualties: string[] } {
  return {
    sensitive: lexicon.sensitive.filter((t) => text.includes(t)),
    casualties: lexicon.casualties.filter((t) => text.includes(t)),
  };
}

const uniqueSorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

/** Aggregates a case's reports into its features; `model` gives the growth window and the media channels. */
export function caseFeatures(reports: readonly ReportSignal[], model: GradingModel = OPINION_GRADING_MODEL_2026_1): CaseFeatures {
  const times = reports.map((r) => toEpochMs(r.receivedAt, `report ${r.reportId} receivedAt`));
  const newest = times.length ? Math.max(...times) : 0;
  const windowStart = newest - model.growthWindowHours * 3_600_000;
  const channels = uniqueSorted(reports.map((r) => r.channel));
  return {
    reports: reports.length,
    channels,
    reportsInGrowthWindow: times.filter((t) => t >= windowStart).length,
    mediaInvolved: channels.some((c) => model.mediaChannels.includes(c)),
    sensitiveTerms: uniqueSorted(reports.flatMap((r) => r.sensitiveTerms)),
    casualtyTerms: uniqueSorted(reports.flatMap((r) => r.casualtyTerms)),
    districts: uniqueSorted(reports.map((r) => r.district?.trim()).filter((d): d is string => !!d)),
  };
}

const extra = (n: number, each: number, max: number) => Math.min(Math.max(n - 1, 0) * each, max);

export function gradeForScore(score: number, model: GradingModel = OPINION_GRADING_MODEL_2026_1): Grade {
  if (score >= model.thresholds.especially_major) return 'especially_major';
  if (score >= model.thresholds.major) return 'major';
  if (score >= model.thresholds.significant) return 'significant';
  return 'general';
}

const RISK: Record<Grade, GradingResult['riskLevel']> = { general: 'low', significant: 'medium', major: 'high', especially_major: 'high' };

/** Grades a case from its features; every part of the score is returned. */
export function gradeOpinionCase(f: CaseFeatures, model: GradingModel = OPINION_GRADING_MODEL_2026_1): GradingResult {
  const w = model.weights;
  const scoreParts: Record<ScorePart, number> = {
    reports: extra(f.reports, w.perExtraReport, w.maxReports),
    channels: extra(f.channels.length, w.perExtraChannel, w.maxChannels),
    growth: extra(f.reportsInGrowthWindow, w.perReportInWindow, w.maxGrowth),
    media: f.mediaInvolved ? w.media : 0,
    sensitive: Math.min(f.sensitiveTerms.length * w.perSensitiveTerm, w.maxSensitive),
    casualties: f.casualtyTerms.length ? w.casualties : 0,
    territory: extra(f.districts.length, w.perExtraDistrict, w.maxTerritory),
  };
  const score = SCORE_PARTS.reduce((sum, p) => sum + scoreParts[p], 0);
  const grade = gradeForScore(score, model);
  return {
    modelVersion: model.version,
    score,
    scoreParts,
    grade,
    riskLevel: RISK[grade],
    needsResponse: true,
    sensitive: f.sensitiveTerms.length > 0,
    flags: { heavyCasualties: f.casualtyTerms.length > 0, largeSocialImpact: score >= model.largeSocialImpactScore },
  };
}
