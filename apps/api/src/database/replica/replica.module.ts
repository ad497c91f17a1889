import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ReadFromReplicaInterceptor } from './read-from-replica';
import { ReadRouting } from './read-routing.service';
import { WriteFenceInterceptor } from './write-fence.interceptor';

/** Report reads from a PostgreSQL streaming replica (DATABASE_REPLICA_URL); see ReadRouting. */
@Global()
@Module({
  providers: [ReadRouting, ReadFromReplicaInterceptor, { provide: APP_INTERCEPTOR, useClass: WriteFenceInterceptor }],
  exports: [ReadRouting, ReadFromReplicaInterceptor],
})
export class ReplicaModule {}
