import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { types } from 'pg';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source';

// A calendar date stays the string the user gave ('2021-03-01'), not a Date at local midnight.
types.setTypeParser(1082, (v: string) => v);

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        dataSourceOptions(config.DATABASE_URL, {
          poolSize: config.DATABASE_POOL_SIZE,
          timeoutMs: config.DATABASE_TIMEOUT_MS,
        }),
    }),
  ],
})
export class DatabaseModule {}
