import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { SessionTokenAuthenticator } from '../../common/auth/session-token';
import { DatabaseNotificationsModule } from '../../common/notifications';
import { AuthActorCache } from './actor-cache';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AccessTokenVerifier } from './jwt.strategy';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';

@Module({
  imports: [JwtModule.register({}), DatabaseNotificationsModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionsService,
    PasswordHasher,
    AccessTokenVerifier,
    AuthActorCache,
    // What the global guard asks for (common/auth cannot import this module).
    { provide: SessionTokenAuthenticator, useExisting: AccessTokenVerifier },
  ],
  exports: [SessionsService, PasswordHasher, AccessTokenVerifier, SessionTokenAuthenticator, AuthActorCache],
})
export class AuthModule {}
