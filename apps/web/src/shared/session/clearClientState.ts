import { queryClient } from '@/shared/query/client';
import { resetStores } from './storeRegistry';

/**
 * Forgets everything the previous user's session brought into this page: the query
 * cache (every server answer) and every Pinia store. Called whenever the session ends
 * (sign-out, refused refresh, sign-out in another tab), so the next person who signs
 * in in the same browser starts from nothing.
 */
export function clearClientState(): void {
  void queryClient.cancelQueries();
  queryClient.clear();
  resetStores(['session']);
}
