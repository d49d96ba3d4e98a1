// A special report (舆情专报) as HTML and as PDF (Chinese font embedded, @huiying/platform renderPdf). Both print the
// same sections of the same content; the PDF is deterministic for the same content (its dates are the generation time).
import { renderPdf } from '@huiying/platform';
import { shanghaiMinute } from '../key-cases/key-case.csv';
import type { SpecialReportContent } from './special-report.content';
import { KEY_CASE_LABELS, label, TALK_ROLE_LABELS } from './special-report.labels';

type Table = { heading: string; columns: string[]; rows: string[][]; empty: string };

/** The report as titled tables, in print order: what both renderers print. */
export function reportSections(c: SpecialReportContent): Table[] {
  const k = c.keyCase;
  return [
    { heading: '一、基本情况', columns: ['项目', '内容'], rows: c.facts, empty: '' },
    { heading: '二、处置时间线', columns: ['序号', '时间', '阶段', '事项', '经办', '情况'], rows: c.timeline.map((t) => [String(t.sequence), t.at, t.stage, t.what, t.who, t.summary]), empty: '无' },
    { heading: '三、时限执行情况', columns: ['时限', '编号', '到期时间', '完成时间', '状态'], rows: c.clocks.map((t) => [t.clock, t.id, t.dueAt, t.metAt, t.status]), empty: '无' },
    { heading: '四、回应发布情况', columns: ['发布时间', '形式', '渠道', '是否超时'], rows: c.responses.map((r) => [r.at, r.form, r.channel, r.late ? '超时' : '按时']), empty: '尚未回应' },
    { heading: '五、等级变化', columns: ['时间', '等级', '原等级', '来源', '风险', '理由'], rows: c.grades.map((g) => [g.at, g.grade, g.previousGrade, g.source, g.riskLevel, g.reason]), empty: '未定级' },
    {
      heading: `六、重点舆情台账${k ? `（${label(KEY_CASE_LABELS, k.status)}；列入：${shanghaiMinute(k.markedAt)} ${k.markedBy}；理由：${k.reason}）` : ''}`,
      columns: ['类型', '日期/时间', '内容', '舆论反应/核验', '记录人'],
      rows: k
        ? [
            ...k.entries.map((e) => ['跟踪记录', e.date, e.action, e.publicReaction, e.recordedBy]),
            ...k.resolutions.map((r) => [
              '解决情况', shanghaiMinute(r.recordedAt), r.summary,
              r.verification ? `${r.verification.decision === 'confirmed' ? '确认解决' : '退回'}：${r.verification.opinion}（${r.verification.verifiedBy}，${shanghaiMinute(r.verification.verifiedAt)}）` : '待核验',
              r.recordedBy,
            ]),
          ]
        : [],
      empty: k ? '暂无记录' : '未列为重点舆情',
    },
    {
      heading: '七、约谈情况',
      columns: ['日期', '约谈对象单位', '约谈对象职务', '约谈单位', '约谈结果'],
      rows: c.accountabilityTalks.map((t) => [t.date, t.department, label(TALK_ROLE_LABELS, t.personRole), t.heldBy, t.outcome]),
      empty: '无',
    },
    { heading: '八、当前风险', columns: ['项目', '内容'], rows: c.risk, empty: '' },
  ];
}

const escape = (s: string): string => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);

export function renderSpecialReportHtml(c: SpecialReportContent): string {
  const tables = reportSections(c).map((t) => {
    const body = t.rows.length
      ? t.rows.map((r) => `<tr>${r.map((v) => `<td>${escape(v)}</td>`).join('')}</tr>`).join('\n')
      : `<tr><td colspan="${t.columns.length}">${escape(t.empty)}</td></tr>`;
    return `<h2>${escape(t.heading)}</h2>\n<table>\n<thead><tr>${t.columns.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
  });
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escape(c.title)} · ${escape(c.caseId)} · 第 ${c.version} 版</title>
<style>body{font-family:"Noto Sans SC","Noto Sans Hans",sans-serif;margin:2em;}table{border-collapse:collapse;width:100%;margin-bottom:1.5em;}th,td{border:1px solid #999;padding:4px 6px;text-align:left;vertical-align:top;}th{background:#eee;}</style>
</head>
<body>
<h1>${escape(c.title)}</h1>
<p>案件编号：${escape(c.caseId)}\u3000第 ${c.version} 版\u3000生成时间：${escape(shanghaiMinute(c.generatedAt))}\u3000依据案件记录至第 ${c.lastSequence} 条事件</p>
${tables.join('\n')}
</body>
</html>
`;
}

export function renderSpecialReportPdf(c: SpecialReportContent, fontPath: string): Promise<Buffer> {
  return renderPdf(
    { title: `${c.title} ${c.caseId}`, subject: `第 ${c.version} 版`, creator: 'Huiying ledger', createdAt: new Date(c.generatedAt), fontPath, margins: { top: 56, bottom: 56, left: 56, right: 56 } },
    (pdf) => {
      pdf.fontSize(18).text(c.title, { align: 'center' });
      pdf.moveDown(0.3).fontSize(9).text(`案件编号：${c.caseId}\u3000第 ${c.version} 版\u3000生成时间：${shanghaiMinute(c.generatedAt)}\u3000依据案件记录至第 ${c.lastSequence} 条事件`, { align: 'center' });
      for (const t of reportSections(c)) {
        pdf.moveDown(0.8).fontSize(13).text(t.heading);
        pdf.moveDown(0.2).fontSize(9);
        if (!t.rows.length) {
          pdf.text(t.empty);
          continue;
        }
        for (const r of t.rows) {
          const line = t.columns.length === 2 ? `${r[0]}：${r[1]}` : r.filter((v) => v !== '').join('\u3000|\u3000');
          pdf.text(line, { lineGap: 2, paragraphGap: 3 });
        }
      }
    },
  );
}
