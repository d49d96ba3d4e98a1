import { Module } from '@nestjs/common';
import { LetterController } from './letter.controller';
import { LetterRepository } from './letter.repository';
import { LetterService } from './letter.service';
import { ReplyLetterConsumer } from './reply-letter.consumer';

/** Reply letters of disclosure applications: rendered on publication.requested.v1, stored, served as JSON/HTML/PDF. */
@Module({
  controllers: [LetterController],
  providers: [LetterRepository, LetterService, ReplyLetterConsumer],
  exports: [ReplyLetterConsumer],
})
export class LetterModule {}
