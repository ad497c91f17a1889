export { type ChannelHandler, DatabaseNotifications } from './database-notifications';
export { DatabaseNotificationsModule } from './database-notifications.module';
