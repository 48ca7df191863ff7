import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OverviewController } from './overview.controller';
import { OverviewRepository } from './overview.repository';
import { OverviewService } from './overview.service';

/** 态势总览: read-only figures over incidents, escalation clocks and sources; owns no tables. */
@Module({
  imports: [AuthModule],
  controllers: [OverviewController],
  providers: [OverviewService, OverviewRepository],
})
export class OverviewModule {}
