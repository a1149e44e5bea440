import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../core/auth/access.decorator';
import { Permission } from '../../core/auth/permissions';
import { AuditService } from '../../core/audit/audit.service';
import { ChainVerifierService } from '../../core/audit/chain/chain-verifier.service';
import { Ctx, RequestContext } from '../../core/context/request-context';

@ApiTags('audit')
@Controller('audit-events')
export class AuditLogController {
  constructor(
    private readonly verifier: ChainVerifierService,
    private readonly audit: AuditService,
  ) {}

  /** Links everything committed so far, then walks the whole chain. The check is itself audited. */
  @Get('verify')
  @Allow(Permission.AuditVerify)
  @ApiOkResponse({ description: '{ valid, checked, firstBrokenSeq }' })
  async verify(@Ctx() ctx: RequestContext) {
    const result = await this.verifier.verify();
    await this.audit.write(ctx, {
      action: 'audit.verify',
      entityType: 'audit_chain',
      outcome: 'success',
      details: { valid: result.valid, checked: result.checked, firstBrokenSeq: result.firstBrokenSeq },
    });
    return result;
  }
}
