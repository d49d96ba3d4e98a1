// Generated 12345 work orders for the hotline end-to-end tests.
export const APPEALS = ['consultation', 'help', 'complaint', 'report', 'suggestion'];
const CATEGORIES = ['housing', 'education', 'health', 'prices', 'public_infrastructure', undefined];

export function workOrder(orderNo: string, i: number): Record<string, unknown> {
  return {
    orderNo,
    callTime: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T${String(8 + (i % 10)).padStart(2, '0')}:15:00+08:00`,
    appealType: APPEALS[i % APPEALS.length],
    title: `工单 ${i}：小区${i % 7 === 0 ? '供暖' : '路灯'}问题, "急"`,
    content: `来电人反映第 ${i} 号问题，\n已多次反映未果。`,
    // a township per order: the generated texts are near-duplicates, and intake groups those of one place into one case
    location: { district: '城关区', township: `${i % 2 ? '东风街道' : '西湖街道'}${orderNo}` },
    caller: { name: `来电人${i}`, phone: `139${String(10000000 + i).slice(-8)}` },
    handlingUnit: '城关区住建局',
    urgency: i % 13 === 0 ? 'urgent' : 'normal',
    revision: 1,
    ...(CATEGORIES[i % CATEGORIES.length] ? { category: CATEGORIES[i % CATEGORIES.length] } : {}),
  };
}

