import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PushSecrets } from './push-secrets';
import { SourcesImportService } from './sources-import.service';
import { SourcesController } from './sources.controller';
import { SourcesPageController } from './sources-page.controller';
import { SourcesService } from './sources.service';

/** Feed and push-source definitions, their CSV import/export and their health. */
@Module({
  imports: [AuthModule],
  controllers: [SourcesController, SourcesPageController],
  providers: [SourcesService, SourcesImportService, PushSecrets],
  exports: [SourcesService, PushSecrets],
})
export class SourcesModule {}
