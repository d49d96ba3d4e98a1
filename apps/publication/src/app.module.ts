import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HealthModule, type HealthCheck } from '@huiying/platform';
import { InfrastructureModule } from './infrastructure.module';
import { LetterModule } from './letters/letter.module';
import { ReplyLetterConsumer } from './letters/reply-letter.consumer';

@Module({
  imports: [
    InfrastructureModule,
    LetterModule,
    HealthModule.register({
      imports: [LetterModule],
      inject: [DataSource, ReplyLetterConsumer],
      useFactory: (ds: DataSource, letters: ReplyLetterConsumer): HealthCheck[] => [
        { name: 'postgres', check: async () => void (await ds.query('SELECT 1')) },
        {
          name: 'reply-letter-consumer',
          check: async () => {
            if (!letters.consumer.healthy()) throw new Error('reply-letter consumer (publication.requested.v1) is not running');
          },
        },
      ],
    }),
  ],
})
export class AppModule {}
