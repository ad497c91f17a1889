import { Module } from '@nestjs/common';
import { PasswordHasher } from '../../common/auth/password-hasher';
import { UsersController } from './users.controller';
import { UsersDirectory } from './users-directory';
import { UsersService } from './users.service';

// AccountSessions comes from the (global) auth module; users does not import it.
@Module({
  controllers: [UsersController],
  providers: [UsersService, UsersDirectory, PasswordHasher],
  exports: [UsersService, UsersDirectory],
})
export class UsersModule {}
