// Chinese labels of the codes a special report (舆情专报) prints; an unknown code prints as itself.

export const STAGE_LABELS: Record<string, string> = {
  collected: '收集', routed: '归口报送', claimed: '认领', assessed: '研判', consultation: '会商', approved: '报审', handling: '处置',
  responded: '回应', follow_up: '动态管理', closed: '办结', evaluated: '总结评估',
};

export const CHANGE_LABELS: Record<string, string> = {
  claim: '认领', transfer: '转办', assessment: '研判（等级变更）', approval: '报审退回', response: '回应发布', follow_up: '动态更新',
  co_handling: '协办', report_grouped: '同一事项报告并入', press_conference_requested: '再次召开新闻发布会', superior_report: '向上级报告',
  reminder: '到期提醒', escalation: '督办', key_case: '列为重点舆情', key_case_entry: '台账跟踪记录', key_case_resolution: '问题解决情况',
  key_case_verification: '解决情况核验', accountability_talk: '约谈',
};

export const CLOCK_LABELS: Record<string, string> = {
  claim: '认领', first_release: '首发事实信息', press_conference: '新闻发布会', response: '回应', follow_up: '动态更新', superior_report: '向上级报告',
};

export const CLOCK_STATUS_LABELS: Record<string, string> = {
  awaiting_claim: '待认领后起算', pending: '未到期', met: '按时完成', late: '超时完成', escalated: '逾期未完成（督办）', superseded: '不再适用',
};

export const GRADE_LABELS: Record<string, string> = { general: '一般', significant: '较大', major: '重大', especially_major: '特别重大' };
export const RISK_LABELS: Record<string, string> = { low: '低', medium: '中', high: '高' };
export const VERIFICATION_LABELS: Record<string, string> = { true: '属实', partly_true: '部分属实', untrue: '不属实' };
export const KEY_CASE_LABELS: Record<string, string> = { open: '跟踪中', resolution_recorded: '待核验', resolved: '已解决' };
export const TALK_ROLE_LABELS: Record<string, string> = {
  principal_head: '主要负责人', deputy_head_in_charge: '分管负责人', section_head: '科室负责人', handling_staff: '经办人员',
};

export const RESPONSE_FORM_LABELS: Record<string, string> = {
  factual_release: '发布事实类信息', clarification_rebuttal: '澄清、辟谣', remedy_progress: '整改进展', press_conference: '新闻发布会',
  press_conference_notice: '新闻发布会通知', expert_interpretation: '专家解读', point_to_point_reply: '点对点回复', follow_up: '动态更新',
};

export const CHANNEL_LABELS: Record<string, string> = {
  portal: '门户网站', forum: '论坛', blog: '博客', weibo: '微博', wechat: '微信', short_video: '短视频', mobile_app: '移动客户端',
  online_inquiry: '网络问政', hotline_12345: '12345热线', news_comments: '新闻跟帖', newspaper: '报刊', radio_tv: '广播电视',
  mayor_mailbox: '市长信箱', online_petition: '网上信访', sms: '短信', press_conference: '新闻发布会', letter: '书面答复',
};

export const label = (labels: Record<string, string>, code: string | null | undefined): string => (code ? (labels[code] ?? code) : '—');
