import { Kafka, logLevel, type KafkaConfig, type LogEntry } from 'kafkajs';
import type { Logger } from 'pino';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
}

/** kafkajs client whose own log lines go to our JSON logger. */
export function createKafka(settings: KafkaSettings, logger: Logger, extra: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    connectionTimeout: 5000,
    retry: { initialRetryTime: 200, retries: 10 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...rest } = log;
        const fn = level <= logLevel.ERROR ? 'error' : level === logLevel.WARN ? 'warn' : 'debug';
        logger[fn]({ kafka: rest }, message);
      },
    ...extra,
  });
}

/**
 * Group-membership timing shared by every consumer. A process killed without leaving its group (kill -9, OOM, a lost
 * node) stays a member until its session times out, and its successor's join waits for that: at kafkajs' 30 s default
 * a restarted service took 25–30 s to consume again. 10 s (the broker allows ≥ 6 s) with a heartbeat each second
 * bounds that wait; a handler never holds a message that long (dependency failures are retried by kafkajs, other
 * failures back off ≤ 2 s in total). A fetch waits at most 1 s for new messages, so a SIGTERM's disconnect, which
 * waits for the fetch in flight, is quick (at the default 5 s a service with several consumers missed the stack
 * script's 10 s SIGKILL).
 */
export const CONSUMER_TIMING = { sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 1_000 } as const;
