import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppConfig } from '../infrastructure/config/app.config';
import { OrganisationModule } from '../organisation/organisation.module';
import { BureauSeeder } from '../organisation/bureau.seeder';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login/login-throttle.service';
import { ScopeService } from './scope.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { AccountAdminService } from './accounts/account-admin.service';
import { TokensPagesController } from './pages/tokens-pages.controller';
import { UserPagesService } from './pages/user-pages.service';
import { UsersPagesController } from './pages/users-pages.controller';

@Module({
  imports: [OrganisationModule],
  controllers: [AuthController, UsersController, UsersPagesController, TokensPagesController],
  providers: [
    AuthService,
    LoginThrottleService,
    UsersService,
    AccountAdminService,
    UserPagesService,
    ScopeService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, LoginThrottleService, UsersService, ScopeService],
})
export class AuthModule implements OnApplicationBootstrap {
  constructor(
    private readonly users: UsersService,
    private readonly seeder: BureauSeeder,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seeder.ensureSeeded(); // the first admin belongs to HQ, which must exist
    await this.users.ensureFirstAdmin(this.config.ADMIN_USERNAME, this.config.ADMIN_PASSWORD);
  }
}
