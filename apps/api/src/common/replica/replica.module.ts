import { Global, Module } from '@nestjs/common';
import { ReadFromReplicaInterceptor } from './read-from-replica';
import { ReadRouting } from './read-routing.service';
import { WriteFenceInterceptor } from './write-fence.interceptor';

/**
 * Report reads from a PostgreSQL streaming replica (DATABASE_REPLICA_URL); see ReadRouting.
 * WriteFenceInterceptor is bound to the write routes by configureApp (bindWriteInterceptors).
 */
@Global()
@Module({
  providers: [ReadRouting, ReadFromReplicaInterceptor, WriteFenceInterceptor],
  exports: [ReadRouting, ReadFromReplicaInterceptor, WriteFenceInterceptor],
})
export class ReplicaModule {}
