import { Module } from '@nestjs/common';
import { AccessAdminController, AuditLogController } from './access-admin.controller';
import { AccessAdminService } from './access-admin.service';

/** Access administration and the audit log (admin scope), on the ledger. The store is AccessModule's (global). */
@Module({
  controllers: [AccessAdminController, AuditLogController],
  providers: [AccessAdminService],
})
export class AccessAdminModule {}
