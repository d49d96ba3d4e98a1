import type { Admin } from 'kafkajs';

export interface PartitionLag {
  groupId: string;
  topic: string;
  partition: number;
  /** Next offset the broker will write. */
  high: number;
  /** Next offset the group will read (its committed offset; the partition's low mark when nothing is committed yet). */
  committed: number;
  lag: number;
}

/**
 * Consumer lag per partition: how many messages wait in Kafka for the group. A burst larger than the pipeline can
 * take waits there; this is what tells operators how far behind the group is.
 */
export async function consumerLag(admin: Admin, groupId: string, topic: string): Promise<PartitionLag[]> {
  const [offsets, [groupOffsets]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
  return lagFromOffsets(groupId, topic, offsets, groupOffsets?.partitions ?? []);
}

/**
 * The lag per partition from the topic's offsets and the group's committed offsets (pure). A partition the group has
 * not committed on yet (offset -1 or absent) counts from the partition's low mark: the group, which starts from the
 * beginning, has all of it to read.
 */
export function lagFromOffsets(
  groupId: string,
  topic: string,
  topicOffsets: readonly { partition: number; high: string; low: string }[],
  committedOffsets: readonly { partition: number; offset: string }[],
): PartitionLag[] {
  const committedBy = new Map(committedOffsets.map((p) => [p.partition, Number(p.offset)]));
  return topicOffsets
    .map((o) => {
      const high = Number(o.high);
      const low = Number(o.low);
      const c = committedBy.get(o.partition);
      const committed = c === undefined || !Number.isFinite(c) || c < low ? low : c;
      return { groupId, topic, partition: o.partition, high, committed, lag: Math.max(0, high - committed) };
    })
    .sort((a, b) => a.partition - b.partition);
}
