// The bulletin as one document model in Chinese — title, sections of paragraphs, tables and charts — rendered by one
// HTML path (bulletin.html.ts) and one PDF path (bulletin.pdf.ts). Pure: built from the figures and the charts only.
// No personal data: cases are named by case number, kind, category and lead department (the ledger holds no titles,
// reporters or applicants).
import type { BulletinCharts } from './bulletin-charts';
import type { BulletinFigures, DepartmentStanding } from './bulletin-figures';
import { CATEGORY_LABELS, CLOCK_LABELS, departmentName, KEY_CASE_STATUS_LABELS, KIND_LABELS, label, TALK_ROLE_LABELS } from './bulletin-labels';

export type BulletinBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'table'; head: string[]; rows: string[][]; widths: number[] }
  | { type: 'chart'; chart: keyof BulletinCharts; caption: string };

export interface BulletinSection {
  id: 'overview' | 'trend' | 'ranking' | 'grades' | 'named-cases' | 'key-cases' | 'accountability-talks';
  heading: string;
  blocks: BulletinBlock[];
}

export interface BulletinDocument {
  title: string;
  subtitle: string;
  sections: BulletinSection[];
  footer: string[];
  charts: BulletinCharts;
}

const QUARTER_NAMES = ['一', '二', '三', '四'];

/** 2026-Q4 → 2026年第四季度; 2026-11 → 2026年11月. */
export function periodName(kind: BulletinFigures['kind'], period: string): string {
  const year = period.slice(0, 4);
  return kind === 'quarterly' ? `${year}年第${QUARTER_NAMES[Number(period.slice(6)) - 1]}季度` : `${year}年${Number(period.slice(5, 7))}月`;
}

/** An instant as Asia/Shanghai civil time: 2026年11月20日 16:30. */
export function shanghaiTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** 93784 s → 1天2小时3分. */
export function lateness(seconds: number | null): string {
  if (seconds === null) return '—';
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const parts = [days ? `${days}天` : '', hours ? `${hours}小时` : '', minutes || (!days && !hours) ? `${minutes}分` : ''];
  return parts.join('');
}

/** At most `max` characters, on one line. */
const clip = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export const percent = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function change(n: number, unit: string): string {
  return n === 0 ? '持平' : n > 0 ? `增加${n}${unit}` : `减少${-n}${unit}`;
}

function rankingRow(d: DepartmentStanding): string[] {
  return [d.rank === null ? '—' : String(d.rank), d.name, String(d.received), String(d.closed), String(d.onTime), String(d.late), percent(d.onTimeRate), String(d.escalations), String(d.overdueAtEnd)];
}

export function buildBulletinDocument(f: BulletinFigures, charts: BulletinCharts, generatedAt: string): BulletinDocument {
  const name = periodName(f.kind, f.period);
  const t = f.totals;
  const sections: BulletinSection[] = [
    {
      id: 'overview',
      heading: '一、总体情况',
      blocks: [{
        type: 'paragraph',
        text: `${name}，本辖区共收到政务舆情和依申请公开案件${t.received}件，办结${t.closed}件；应按时办理的环节${t.onTime + t.late}个，按时${t.onTime}个、超时${t.late}个，按时办理率${percent(t.onTimeRate)}；督办${t.escalations}次。期末尚未办结${t.openAtEnd}件，其中逾期${t.overdueAtEnd}件。`,
      }],
    },
    {
      id: 'trend',
      heading: '二、与上期比较',
      blocks: [
        {
          type: 'paragraph',
          text: `上期（${periodName(f.kind, f.previous.period)}）收案${f.previous.received}件，本期${change(f.trend.receivedChange, '件')}${f.trend.receivedChangeRate === null ? '' : `（${f.trend.receivedChangeRate >= 0 ? '+' : ''}${(f.trend.receivedChangeRate * 100).toFixed(1)}%）`}；按时办理率上期${percent(f.previous.onTimeRate)}、本期${percent(t.onTimeRate)}${f.trend.onTimeRateChange === null ? '' : `，${f.trend.onTimeRateChange >= 0 ? '上升' : '下降'}${Math.abs(f.trend.onTimeRateChange * 100).toFixed(1)}个百分点`}。`,
        },
        { type: 'chart', chart: 'volumeByChannel', caption: `图1 近${f.volumeByChannel.months.length}个月收案量（按来源渠道）` },
      ],
    },
    {
      id: 'ranking',
      heading: '三、各单位按时办理率排名',
      blocks: f.departments.length
        ? [
          { type: 'paragraph', text: '按主办单位统计，按时办理率由高到低排列，相同者按单位名称排列；本期无应办环节的单位列于最后。' },
          { type: 'table', head: ['名次', '单位', '收案', '办结', '按时', '超时', '按时率', '督办', '期末逾期'], rows: f.departments.map(rankingRow), widths: [1, 3, 1.2, 1.2, 1.2, 1.2, 1.6, 1.2, 1.6] },
          { type: 'chart', chart: 'onTimeByDepartment', caption: '图2 各单位按时办理率' },
        ]
        : [{ type: 'paragraph', text: '本期各单位均无收案和应办环节。' }],
    },
    {
      id: 'grades',
      heading: '四、收案分级情况',
      blocks: [{ type: 'chart', chart: 'gradesByDepartment', caption: '图3 各单位舆情收案分级' }],
    },
    {
      id: 'named-cases',
      heading: '五、逾期和督办案件通报',
      blocks: f.namedCases.length
        ? [
          { type: 'paragraph', text: `以下${f.namedCases.length}项为本期被督办或期末仍逾期的办理环节，予以通报，请相关单位限期整改。` },
          {
            type: 'table',
            head: ['案件编号', '类型', '主办单位', '类别', '环节', '督办级别', '应办时限', '办结情况', '超时'],
            rows: f.namedCases.map((c) => [
              c.caseId.slice(0, 8), label(KIND_LABELS, c.kind), c.departmentName, c.category ? label(CATEGORY_LABELS, c.category) : '—', label(CLOCK_LABELS, c.clock),
              `${c.escalationLevel}级`, c.dueAt ? (/^\d{4}-\d{2}-\d{2}$/.test(c.dueAt) ? `${c.dueAt}（工作日）` : shanghaiTime(c.dueAt)) : '—',
              c.metAt ? `${shanghaiTime(c.metAt)}办结` : '期末未办结', lateness(c.lateSeconds),
            ]),
            widths: [1.6, 1.4, 1.4, 1.2, 1.2, 1, 2.2, 2.2, 1.6],
          },
        ]
        : [{ type: 'paragraph', text: '本期无被督办或期末逾期的案件。' }],
    },
  ];
  const k = f.keyCases;
  sections.push(
    {
      id: 'key-cases',
      heading: '六、重点舆情台账',
      blocks: k.cases.length
        ? [
          { type: 'paragraph', text: `本期在台账的重点舆情${k.cases.length}件，其中已核验解决${k.cases.filter((c) => c.status === 'resolved').length}件；未解决的继续跟踪，直至问题完全解决。` },
          {
            type: 'table',
            head: ['案件编号', '主办单位', '类别', '列入台账', '期末状态', '本期跟踪', '最近一次跟踪'],
            rows: k.cases.map((c) => [
              c.caseId.slice(0, 8), departmentName(c.department), c.category ? label(CATEGORY_LABELS, c.category) : '—', shanghaiTime(c.markedAt),
              label(KEY_CASE_STATUS_LABELS, c.status), `${c.entriesInPeriod}次`, c.lastEntry ? `${c.lastEntry.date} ${clip(c.lastEntry.action, 40)}` : '—',
            ]),
            widths: [1.6, 1.4, 1.2, 2.2, 1.8, 1.2, 4],
          },
        ]
        : [{ type: 'paragraph', text: '本期无列入台账的重点舆情。' }],
    },
    {
      id: 'accountability-talks',
      heading: '七、约谈情况',
      blocks: k.talks.length
        ? [{
          type: 'table',
          head: ['日期', '案件编号', '被约谈单位', '被约谈人员', '约谈结果'],
          rows: k.talks.map((t) => [t.date, t.caseId.slice(0, 8), departmentName(t.department), label(TALK_ROLE_LABELS, t.personRole), clip(t.outcome, 60)]),
          widths: [1.6, 1.6, 1.8, 1.6, 6],
        }]
        : [{ type: 'paragraph', text: '本期无约谈。' }],
    },
  );
  return {
    title: `${name}政务舆情回应和依申请公开办理情况${f.kind === 'quarterly' ? '通报' : '月报'}`,
    subtitle: `辖区：${f.jurisdiction}，统计期间：${shanghaiTime(f.from)} 至 ${shanghaiTime(f.to)}（不含）`,
    sections,
    footer: [
      '数据来源：台账读模型（案件事件），口径同月统计：每一事件按其发生时的北京时间计入所在月份，按时率＝按时环节÷（按时＋超时环节）。',
      `生成时间：${shanghaiTime(generatedAt)}`,
    ],
    charts,
  };
}
