import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { ChainSealerService } from './chain/chain-sealer.service';
import { ChainVerifierService } from './chain/chain-verifier.service';

@Global()
@Module({
  providers: [AuditService, ChainSealerService, ChainVerifierService],
  exports: [AuditService, ChainSealerService, ChainVerifierService],
})
export class AuditModule {}
