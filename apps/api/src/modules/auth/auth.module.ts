import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { DatabaseNotificationsModule } from '../../database/notifications';
import { AuthActorCache } from './actor-cache';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AccessTokenVerifier } from './jwt.strategy';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';

@Module({
  imports: [JwtModule.register({}), DatabaseNotificationsModule],
  controllers: [AuthController],
  providers: [AuthService, SessionsService, PasswordHasher, AccessTokenVerifier, AuthActorCache],
  exports: [SessionsService, PasswordHasher, AccessTokenVerifier, AuthActorCache],
})
export class AuthModule {}
