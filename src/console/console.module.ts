import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OrganisationModule } from '../organisation/organisation.module';
import { BureauPagesController } from './bureau-pages.controller';
import { BureauPagesService } from './bureau-pages.service';
import { ConsoleAssetsController } from './console-assets.controller';
import { LoginController } from './login.controller';

/**
 * The web console shell: login/logout, layout and assets, and the bureau directory pages. Other features render
 * their own pages with `renderPage` from ./layout and register their page controllers in their own modules.
 * Imports AuthModule (AuthService for the login form) and OrganisationModule; neither imports this module.
 */
@Module({
  imports: [AuthModule, OrganisationModule],
  controllers: [LoginController, ConsoleAssetsController, BureauPagesController],
  providers: [BureauPagesService],
})
export class ConsoleModule {}
