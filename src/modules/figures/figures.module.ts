import { Module } from '@nestjs/common';
import { FiguresService } from './figures.service';

@Module({ providers: [FiguresService], exports: [FiguresService] })
export class FiguresModule {}
