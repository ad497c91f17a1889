import type { Schemas } from '@polar/api-client';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

export type CompanyProfileDto = Schemas['CompanyProfileDto'];
export type UpdateCompanyProfileDto = Schemas['UpdateCompanyProfileDto'];
export type VatRate = Schemas['VatRate'];

export function fetchCompany(): Promise<CompanyProfileDto> {
  return unwrap(api.GET('/api/company'));
}

export function saveCompany(body: UpdateCompanyProfileDto): Promise<CompanyProfileDto> {
  return unwrap(api.PUT('/api/company', { body }));
}
