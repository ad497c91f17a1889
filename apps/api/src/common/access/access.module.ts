import { Global, Module } from '@nestjs/common';
import { AccessService } from './access.service';

/** Record-level access for every module: modules register their record kinds at start-up. */
@Global()
@Module({
  providers: [AccessService],
  exports: [AccessService],
})
export class AccessModule {}
