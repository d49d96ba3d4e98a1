import { Module } from '@nestjs/common';
import { CaseActionController } from './case-action.controller';
import { CaseActionService } from './case-action.service';

/** Actions department staff take on an opinion case through routing: claim, transfer, co-handling. */
@Module({
  controllers: [CaseActionController],
  providers: [CaseActionService],
})
export class CaseActionModule {}
