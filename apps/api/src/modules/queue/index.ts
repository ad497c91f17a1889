export { QueueModule } from './queue.module';
export { WorkQueue } from './work-queue.service';
export * from './queue.types';
