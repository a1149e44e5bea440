import { Module } from '@nestjs/common';
import { SafeguardingVisitsController } from './safeguarding-visits.controller';
import { SafeguardingVisitsService } from './safeguarding-visits.service';

@Module({ controllers: [SafeguardingVisitsController], providers: [SafeguardingVisitsService], exports: [SafeguardingVisitsService] })
export class SafeguardingVisitsModule {}
