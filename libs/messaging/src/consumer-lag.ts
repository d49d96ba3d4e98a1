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
  const committedBy = new Map((groupOffsets?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  return offsets
    .map((o) => {
      const high = Number(o.high);
      const low = Number(o.low);
      const c = committedBy.get(o.partition);
      const committed = c === undefined || c < 0 ? low : c;
      return { groupId, topic, partition: o.partition, high, committed, lag: Math.max(0, high - committed) };
    })
    .sort((a, b) => a.partition - b.partition);
}
