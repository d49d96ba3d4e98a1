import { Module } from '@nestjs/common';
import { PolicyAdminController } from './policy-admin.controller';
import { PolicyController } from './policy.controller';
import { PolicyRepository } from './policy.repository';
import { PolicyService } from './policy.service';

@Module({
  controllers: [PolicyController, PolicyAdminController],
  providers: [PolicyRepository, PolicyService],
  exports: [PolicyService],
})
export class PolicyModule {}
