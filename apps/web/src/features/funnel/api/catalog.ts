import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { BodyOf, QueryOf } from '@/api/types';

/** One page of the product catalogue. */
export const fetchProducts = (query: QueryOf<'/api/products', 'get'>) => unwrap(api.GET('/api/products', { params: { query } }));

export const createProduct = (body: BodyOf<'/api/products', 'post'>) => unwrap(api.POST('/api/products', { body }));

/** With the product's version (409 stale_version). */
export const updateProduct = (id: string, body: BodyOf<'/api/products/{id}', 'patch'>) =>
  unwrap(api.PATCH('/api/products/{id}', { params: { path: { id } }, body }));
