import { Module } from '@nestjs/common';
import { DatabaseNotifications } from './database-notifications';

/** Import it where a module wants to hear NOTIFYs; the one instance (one connection) is shared. */
@Module({
  providers: [DatabaseNotifications],
  exports: [DatabaseNotifications],
})
export class DatabaseNotificationsModule {}
