export { ReadsFromReplica, READ_FROM_HEADER, WAL_FENCE_COOKIE, WAL_FENCE_HEADER } from './read-from-replica';
export { ReadRouting, type ReadTarget } from './read-routing.service';
export { ReplicaModule } from './replica.module';
export { WriteFenceInterceptor } from './write-fence.interceptor';
