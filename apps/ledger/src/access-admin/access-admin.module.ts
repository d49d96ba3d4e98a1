import { Module } from '@nestjs/common';
import { AccessAdminController, AuditLogController } from './access-admin.controller';
import { AccessAdminService } from './access-admin.service';
import { RoleGrantsController } from './role-grants.controller';
import { RoleGrantsService } from './role-grants.service';

/** Access administration (calling systems, keys, role grants) and the audit log (admin scope), on the ledger. The store is AccessModule's (global). */
@Module({
  controllers: [AccessAdminController, AuditLogController, RoleGrantsController],
  providers: [AccessAdminService, RoleGrantsService],
})
export class AccessAdminModule {}
