/** Case categories (DOMAIN.md → routing table, seed 003). */
export const LIVELIHOOD_CATEGORIES = [
  'employment',
  'housing',
  'education',
  'health',
  'quality_supervision',
  'food_drug_safety',
  'prices',
  'poverty_relief',
  'relocation',
  'public_infrastructure',
] as const;

export const CATEGORIES = [
  ...LIVELIHOOD_CATEGORIES,
  'public_sentiment',
  'external_publicity',
  'social_stability',
  'foreign_related',
  'emergency_management',
  'other',
] as const;

export type LivelihoodCategory = (typeof LIVELIHOOD_CATEGORIES)[number];
export type CategoryCode = (typeof CATEGORIES)[number];

export function isCategory(value: unknown): value is CategoryCode {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

export interface Department {
  readonly code: string;
  /** Usual short name in a city government, e.g. '人社局'. */
  readonly nameZh: string;
  readonly fullNameZh: string;
  readonly nameEn: string;
  readonly role: 'sector' | 'lead' | 'supervising';
}

const dept = (code: string, nameZh: string, fullNameZh: string, nameEn: string, role: Department['role']): Department =>
  Object.freeze({ code, nameZh, fullNameZh, nameEn, role });

/** The department directory: code → names. Codes are what rules, cases and events carry. */
export const DEPARTMENTS = Object.freeze({
  human_resources_social_security: dept('human_resources_social_security', '人社局', '人力资源和社会保障局', 'Human Resources and Social Security Bureau', 'sector'),
  housing_urban_rural: dept('housing_urban_rural', '住建局', '住房和城乡建设局', 'Housing and Urban-Rural Development Bureau', 'sector'),
  education_bureau: dept('education_bureau', '教育局', '教育局', 'Education Bureau', 'sector'),
  health_commission: dept('health_commission', '卫健委', '卫生健康委员会', 'Health Commission', 'sector'),
  market_regulation: dept('market_regulation', '市场监管局', '市场监督管理局', 'Market Regulation Administration', 'sector'),
  development_reform: dept('development_reform', '发改委', '发展和改革委员会', 'Development and Reform Commission', 'sector'),
  rural_revitalization: dept('rural_revitalization', '乡村振兴局', '乡村振兴局', 'Rural Revitalization Bureau', 'sector'),
  natural_resources: dept('natural_resources', '自然资源局', '自然资源局', 'Natural Resources Bureau', 'sector'),
  petition_bureau: dept('petition_bureau', '信访局', '信访局', 'Petition Bureau', 'lead'),
  propaganda_department: dept('propaganda_department', '宣传部', '党委宣传部', 'Propaganda Department', 'lead'),
  public_security_bureau: dept('public_security_bureau', '公安局', '公安局', 'Public Security Bureau', 'lead'),
  foreign_affairs_office: dept('foreign_affairs_office', '外侨办', '外事侨务办公室', 'Foreign and Overseas Chinese Affairs Office', 'lead'),
  emergency_office: dept('emergency_office', '应急办', '应急管理办公室', 'Emergency Management Office', 'lead'),
  general_office: dept('general_office', '政府办公室', '人民政府办公室', 'General Office of the People\'s Government', 'supervising'),
  disclosure_office: dept('disclosure_office', '政务公开办', '政务公开工作领导小组办公室', 'Government Affairs Disclosure Office', 'supervising'),
  press_office: dept('press_office', '新闻办', '新闻办公室', 'Press Office', 'supervising'),
  cyberspace_office: dept('cyberspace_office', '网信办', '网络安全和信息化委员会办公室', 'Cyberspace Affairs Office', 'supervising'),
} as const satisfies Record<string, Department>);

export type DepartmentCode = keyof typeof DEPARTMENTS;

export const DEPARTMENT_CODES = Object.freeze(Object.keys(DEPARTMENTS) as DepartmentCode[]);

export function isDepartmentCode(value: unknown): value is DepartmentCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DEPARTMENTS, value);
}

/** The mandatory copies (抄送) of every opinion report: 政务公开办, 新闻办, 网信办. */
export const MANDATORY_CC: readonly DepartmentCode[] = Object.freeze(['disclosure_office', 'press_office', 'cyberspace_office'] as const);
