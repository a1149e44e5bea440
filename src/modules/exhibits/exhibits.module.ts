import { Module } from '@nestjs/common';
import { ExhibitMovementsService } from './exhibit-movements.service';
import { ExhibitsController } from './exhibits.controller';
import { ExhibitsService } from './exhibits.service';

@Module({ controllers: [ExhibitsController], providers: [ExhibitsService, ExhibitMovementsService], exports: [ExhibitsService] })
export class ExhibitsModule {}
