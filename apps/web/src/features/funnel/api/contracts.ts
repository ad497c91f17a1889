import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { BodyOf } from '@/api/types';

/** The deal's contracts (first 50); changes send the contract's version (409 stale_version). */
export const fetchDealContracts = (dealId: string) =>
  unwrap(api.GET('/api/contracts', { params: { query: { dealId, pageSize: 50 } } }));

export const createContract = (body: BodyOf<'/api/contracts', 'post'>) => unwrap(api.POST('/api/contracts', { body }));

export const updateContract = (id: string, body: BodyOf<'/api/contracts/{id}', 'patch'>) =>
  unwrap(api.PATCH('/api/contracts/{id}', { params: { path: { id } }, body }));

export const signContract = (id: string, body: BodyOf<'/api/contracts/{id}/sign', 'post'>) =>
  unwrap(api.POST('/api/contracts/{id}/sign', { params: { path: { id } }, body }));
