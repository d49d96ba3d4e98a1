import { Module } from '@nestjs/common';
import { LetterController } from './letter.controller';
import { LetterRepository } from './letter.repository';
import { LetterService } from './letter.service';
import { NoticeRepository } from './notice.repository';
import { ReplyLetterConsumer } from './reply-letter.consumer';

/** Reply letters and notices of disclosure applications: rendered on publication.requested.v1, stored, served as JSON/HTML/PDF. */
@Module({
  controllers: [LetterController],
  providers: [LetterRepository, NoticeRepository, LetterService, ReplyLetterConsumer],
  exports: [ReplyLetterConsumer],
})
export class LetterModule {}
