import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { BodyOf } from '@/api/types';

/** Commercial proposals of a deal; changes send the proposal's version (409 stale_version). */
export const fetchDealProposals = (dealId: string, pageSize: number) =>
  unwrap(api.GET('/api/deals/{id}/proposals', { params: { path: { id: dealId }, query: { pageSize } } }));

/** A new draft proposal from the deal's lines. */
export const createProposal = (dealId: string) =>
  unwrap(api.POST('/api/deals/{id}/proposals', { params: { path: { id: dealId } }, body: {} }));

export const fetchProposal = (id: string) => unwrap(api.GET('/api/proposals/{id}', { params: { path: { id } } }));

export const updateProposal = (id: string, body: BodyOf<'/api/proposals/{id}', 'patch'>) =>
  unwrap(api.PATCH('/api/proposals/{id}', { params: { path: { id } }, body }));

export const setProposalStatus = (id: string, body: BodyOf<'/api/proposals/{id}/status', 'post'>) =>
  unwrap(api.POST('/api/proposals/{id}/status', { params: { path: { id } }, body }));
