import { Module } from '@nestjs/common';
import { CaseModule } from '../cases/case.module';
import { KeyCaseController } from './key-case.controller';
import { KeyCaseRepository } from './key-case.repository';
import { KeyCaseService } from './key-case.service';

@Module({
  imports: [CaseModule],
  controllers: [KeyCaseController],
  providers: [KeyCaseRepository, KeyCaseService],
})
export class KeyCaseModule {}
