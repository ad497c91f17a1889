import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AccountSessions } from '../../common/auth/account-sessions';
import { PasswordHasher } from '../../common/auth/password-hasher';
import { SessionTokenAuthenticator } from '../../common/auth/session-token';
import { DatabaseNotificationsModule } from '../../common/notifications';
import { AuthAccountSessions } from './account-sessions';
import { AuthActorCache } from './actor-cache';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AccessTokenVerifier } from './jwt.strategy';
import { SessionsService } from './sessions.service';

/**
 * Global so that modules below it (users) get its contracts from common/auth without
 * importing it; it exports nothing but those contracts.
 */
@Global()
@Module({
  imports: [JwtModule.register({}), DatabaseNotificationsModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionsService,
    PasswordHasher,
    AccessTokenVerifier,
    AuthActorCache,
    AuthAccountSessions,
    // What the global guard and the users module ask for (common/auth cannot import this module).
    { provide: SessionTokenAuthenticator, useExisting: AccessTokenVerifier },
    { provide: AccountSessions, useExisting: AuthAccountSessions },
  ],
  exports: [SessionTokenAuthenticator, AccountSessions],
})
export class AuthModule {}
