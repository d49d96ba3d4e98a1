import { Public } from '@huiying/access';
import { Controller, Get, Header, Inject, type OnApplicationShutdown } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Admin, Kafka } from 'kafkajs';
import { TOPICS } from '@huiying/contracts';
import { consumerLag } from '@huiying/messaging';
import { PROMETHEUS_CONTENT_TYPE, renderPrometheus } from '@huiying/platform';
import { KAFKA } from '../infrastructure.module';
import { IntakeConfig } from '../intake.config';
import { HotlineService } from './hotline.service';

/** Prometheus metrics of intake: Kafka consumer lag of the hotline feed per partition, work orders by source/result. */
@ApiTags('metrics')
@Controller('metrics')
export class MetricsController implements OnApplicationShutdown {
  private admin?: Promise<Admin>;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly config: IntakeConfig,
    private readonly hotline: HotlineService,
  ) {}

  @Public()
  @Get()
  @Header('content-type', PROMETHEUS_CONTENT_TYPE)
  @ApiOperation({ summary: 'Prometheus text format: huiying_kafka_consumer_lag{group,topic,partition}, huiying_hotline_work_orders_total{source,result}' })
  @ApiOkResponse({ description: 'text/plain; version=0.0.4' })
  async metrics(): Promise<string> {
    const lag = await consumerLag(await this.connect(), this.config.HOTLINE_CONSUMER_GROUP, TOPICS.hotlineWorkOrders);
    return renderPrometheus([
      {
        name: 'huiying_kafka_consumer_lag',
        help: 'Messages waiting in Kafka for the consumer group (high watermark minus committed offset), per partition',
        type: 'gauge',
        samples: lag.map((l) => ({ labels: { group: l.groupId, topic: l.topic, partition: l.partition }, value: l.lag })),
      },
      this.hotline.processed.metric(),
    ]);
  }

  private connect(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((e: unknown) => {
      this.admin = undefined;
      throw e;
    });
    return this.admin;
  }

  async onApplicationShutdown() {
    await (await this.admin?.catch(() => undefined))?.disconnect();
  }
}
