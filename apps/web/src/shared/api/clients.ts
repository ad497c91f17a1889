import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/** Clients by name for the pickers (first 20 matches, by name); an empty text lists the first 20. */
export const searchClients = (text: string) =>
  unwrap(api.GET('/api/clients', { params: { query: { q: text.trim() || undefined, pageSize: 20, sort: 'name' } } }));
