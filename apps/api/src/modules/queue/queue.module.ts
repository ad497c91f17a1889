import { Global, Module } from '@nestjs/common';
import { QueueAdminService } from './queue-admin.service';
import { QueueController } from './queue.controller';
import { WorkQueue } from './work-queue.service';

/** The persistent work queue ({@link WorkQueue}), global: every module enqueues and registers handlers. */
@Global()
@Module({
  controllers: [QueueController],
  providers: [WorkQueue, QueueAdminService],
  exports: [WorkQueue],
})
export class QueueModule {}
