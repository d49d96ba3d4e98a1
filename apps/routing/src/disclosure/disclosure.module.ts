import { Module } from '@nestjs/common';
import { PolicyModule } from '../policies/policy.module';
import { DisclosureCaseController } from './disclosure-case.controller';
import { DisclosureCaseService } from './disclosure-case.service';
import { DisclosureReceivedConsumer } from './disclosure-received.consumer';

/** Disclosure applications (依申请公开): start the case workflow, expose its actions and state. */
@Module({
  imports: [PolicyModule],
  controllers: [DisclosureCaseController],
  providers: [DisclosureCaseService, DisclosureReceivedConsumer],
  exports: [DisclosureReceivedConsumer],
})
export class DisclosureModule {}
