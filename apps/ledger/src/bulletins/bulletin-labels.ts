// Chinese labels of the codes a bulletin prints (department names come from the policy's department directory).
import { DEPARTMENTS, isDepartmentCode } from '@huiying/policy';

export const CHANNEL_LABELS: Record<string, string> = {
  portal: '政府网站', forum: '论坛', blog: '博客', weibo: '微博', wechat: '微信', short_video: '短视频', mobile_app: '移动客户端',
  online_inquiry: '网络问政', hotline_12345: '12345热线', news_comments: '新闻跟帖', newspaper: '报刊', radio_tv: '广播电视',
  mayor_mailbox: '市长信箱', online_petition: '网上信访',
  // disclosure applications (依申请公开)
  in_person: '当面提交', post_signed: '邮寄', ordinary_letter: '平信', online: '网上申请', fax: '传真',
  unknown: '未注明',
};

export const GRADE_LABELS: Record<string, string> = { general: '一般', significant: '较大', major: '重大', especially_major: '特别重大', ungraded: '未定级' };

export const CATEGORY_LABELS: Record<string, string> = {
  employment: '就业', housing: '住房', education: '教育', health: '医疗卫生', quality_supervision: '质量监管', food_drug_safety: '食品药品安全',
  prices: '物价', poverty_relief: '扶贫', relocation: '征地拆迁', public_infrastructure: '公共设施', public_sentiment: '社会舆论',
  external_publicity: '对外宣传', social_stability: '社会稳定', foreign_related: '涉外', emergency_management: '应急管理', other: '其他',
  unknown: '未分类',
};

export const CLOCK_LABELS: Record<string, string> = {
  claim: '认领', first_release: '首次发布', press_conference: '新闻发布会', response: '回应', answer: '答复', correction_window: '补正告知',
  report_to_superior: '向上级报告',
};

export const KIND_LABELS: Record<string, string> = { opinion: '政务舆情', disclosure: '依申请公开' };

export const KEY_CASE_STATUS_LABELS: Record<string, string> = { open: '跟踪处置中', resolution_recorded: '已报解决待核验', resolved: '已核验解决' };

export const TALK_ROLE_LABELS: Record<string, string> = { principal_head: '主要负责人', deputy_head_in_charge: '分管负责人', section_head: '科室负责人', handling_staff: '经办人员' };

export const label = (labels: Record<string, string>, code: string): string => labels[code] ?? code;

/** The usual short name of a department (住建局), its code when it is not in the directory, 未分派 before routing. */
export function departmentName(code: string | null): string {
  if (code === null) return '未分派';
  return isDepartmentCode(code) ? DEPARTMENTS[code].nameZh : code;
}
