// Real-looking reports (invented, in the style of Weibo posts, 12345 transcripts, portal messages and news comments)
// the grouping threshold is measured on. Each `matter` is one matter at one place; the other reports of the same
// place are different matters there (the hard cases: same compound, same factory, same school).

export interface ExampleReport {
  id: string;
  matter: string;
  district: string;
  township: string;
  title: string;
  content: string;
}

export const EXAMPLES: readonly ExampleReport[] = [
  // 城关区 / 东风街道 — heating at 幸福小区
  { id: 'heat-portal', matter: 'heating', district: '城关区', township: '东风街道', title: '东风街道幸福小区供暖不热', content: '幸福小区暖气温度不达标，室内只有十二度，老人孩子都冻感冒了，物业一直推脱。' },
  { id: 'heat-weibo-repost', matter: 'heating', district: '城关区', township: '东风街道', title: '幸福小区暖气不达标', content: '#城关区供暖# 转发：幸福小区暖气温度不达标！室内只有十二度，老人孩子都冻感冒了，物业一直推脱 @城关发布 //@张三:太冷了，谁来管管' },
  { id: 'heat-hotline', matter: 'heating', district: '城关区', township: '东风街道', title: '幸福小区暖气不热', content: '来电反映东风街道幸福小区暖气不热，室内温度仅十二度左右，家中老人小孩冻感冒，物业推脱不处理。' },
  { id: 'heat-punctuation', matter: 'heating', district: '城关区', township: '东风街道', title: '东风街道 幸福小区 供暖不热!!', content: '幸福小区暖气温度不达标,室内只有12度,老人孩子都冻感冒了,物业一直推脱...' },
  { id: 'heat-forum', matter: 'heating', district: '城关区', township: '东风街道', title: '幸福小区暖气不热', content: '东风街道幸福小区入冬以来暖气温度不达标，屋里才十二度，老人孩子冻感冒了，找物业一直推脱不管。' },
  { id: 'noise', matter: 'construction-noise', district: '城关区', township: '东风街道', title: '幸福小区门口道路施工噪音扰民', content: '幸福小区门口道路夜间十二点后仍在施工，噪音很大，居民无法休息。' },
  { id: 'parking-fee', matter: 'parking-fee', district: '城关区', township: '东风街道', title: '幸福小区物业乱收停车费', content: '幸福小区物业今年起停车费每月涨价两百元，未经业主大会同意，业主不满。' },
  { id: 'lift', matter: 'lift', district: '城关区', township: '东风街道', title: '东风街道幸福小区电梯故障', content: '幸福小区三号楼电梯频繁故障，上周困人两次，物业维修不及时，老人上下楼困难。' },
  { id: 'water', matter: 'water', district: '城关区', township: '东风街道', title: '东风街道幸福小区供水不足', content: '幸福小区高层住户水压不够，每天晚上停水，物业一直推脱。' },
  { id: 'heat-other-compound', matter: 'heating-heping', district: '城关区', township: '东风街道', title: '东风街道和平小区供暖不热', content: '和平小区暖气不热，室内只有十五度，供热公司说管网检修。' },

  // 七里河区 / 西湖街道 — a chemical plant discharging waste water
  { id: 'river-portal', matter: 'discharge', district: '七里河区', township: '西湖街道', title: '西湖街道化工厂夜间偷排污水', content: '西湖街道工业园一家化工厂每天夜里往黄河支流偷排黑色污水，河面漂浮死鱼，气味刺鼻。' },
  { id: 'river-weibo', matter: 'discharge', district: '七里河区', township: '西湖街道', title: '化工厂偷排污水', content: '#七里河区环保# 工业园化工厂半夜往黄河支流偷排黑色污水！河面漂满死鱼，气味刺鼻 //@环保志愿者:已经好几天了 http://t.cn/A6x9kQ' },
  { id: 'river-hotline', matter: 'discharge', district: '七里河区', township: '西湖街道', title: '工业园化工厂偷排污水', content: '来电人反映西湖街道工业园内化工厂夜间向黄河支流偷排污水，污水呈黑色，河里出现死鱼，气味刺鼻。' },
  { id: 'river-comment', matter: 'discharge', district: '七里河区', township: '西湖街道', title: '化工厂偷排', content: '西湖工业园化工厂偷排黑色污水，黄河支流里死鱼一片，晚上气味刺鼻，环保部门管不管？' },
  { id: 'trucks', matter: 'trucks', district: '七里河区', township: '西湖街道', title: '西湖街道工业园货车超载超速', content: '工业园门口大货车超载超速，路面压坏，晚上噪音大。' },
  { id: 'market', matter: 'market-prices', district: '七里河区', township: '西湖街道', title: '西湖街道菜市场价格虚高', content: '西湖菜市场蔬菜价格比周边高出一倍，缺斤短两，市场监管不到位。' },
  { id: 'wages', matter: 'wages', district: '七里河区', township: '西湖街道', title: '西湖街道化工厂拖欠工人工资', content: '工业园一家化工厂拖欠三十多名工人半年工资，工人讨薪无门。' },

  // 安宁区 / 培黎街道 — spoiled food in a school canteen
  { id: 'school-portal', matter: 'canteen', district: '安宁区', township: '培黎街道', title: '培黎街道实验小学食堂饭菜变质', content: '安宁区实验小学食堂给学生吃变质饭菜，多名学生腹泻呕吐，家长要求调查。' },
  { id: 'school-weibo', matter: 'canteen', district: '安宁区', township: '培黎街道', title: '实验小学食堂饭菜变质', content: '实验小学食堂饭菜变质，多名学生腹泻呕吐！家长要求彻查 #安宁区实验小学#' },
  { id: 'school-hotline', matter: 'canteen', district: '安宁区', township: '培黎街道', title: '实验小学学生食堂就餐后腹泻', content: '来电反映培黎街道实验小学学生在食堂吃饭后出现腹泻、呕吐，怀疑饭菜变质，要求调查。' },
  { id: 'school-traffic', matter: 'school-traffic', district: '安宁区', township: '培黎街道', title: '培黎街道实验小学门口交通拥堵', content: '实验小学放学时门口接孩子车辆乱停，交通拥堵，存在安全隐患。' },
  { id: 'school-tutoring', matter: 'tutoring-fees', district: '安宁区', township: '培黎街道', title: '培黎街道实验小学乱收补课费', content: '实验小学老师组织学生课外有偿补课，每月收费八百元，家长不敢不交。' },
];
