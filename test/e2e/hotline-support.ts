// Generated 12345 work orders for the hotline end-to-end tests, and Kafka's own console producer as the platform uses it.
import { execFile } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** Lines `key|value` produced with Kafka's own kafka-console-producer (ConsoleProducer), as the platform might; its exit code. */
export async function consoleProduce(topic: string, lines: string[]): Promise<number> {
  const child = execFile(
    'bash',
    [path.join(root, 'deploy/local/kafka.sh'), 'run-tool', 'org.apache.kafka.tools.ConsoleProducer', '--bootstrap-server', process.env.KAFKA_BROKERS ?? '127.0.0.1:9092', '--topic', topic, '--reader-property', 'parse.key=true', '--reader-property', 'key.separator=|'],
    { cwd: root },
  );
  const exited = new Promise<number>((resolve, reject) => child.on('exit', (code) => resolve(code ?? 1)).on('error', reject));
  child.stdin?.end(`${lines.join('\n')}\n`);
  return exited;
}
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

