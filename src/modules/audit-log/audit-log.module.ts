import { Module } from '@nestjs/common';
import { AuditExportService } from './audit-export.service';
import { AuditLogController } from './audit-log.controller';
import { AuditSearchService } from './audit-search.service';

@Module({ controllers: [AuditLogController], providers: [AuditSearchService, AuditExportService], exports: [AuditSearchService, AuditExportService] })
export class AuditLogModule {}
