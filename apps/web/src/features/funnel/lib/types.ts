import type { paths, Schemas } from '@polar/api-client';

/**
 * Short names for the generated funnel schemas. Kept here (not in the shared
 * `api/types.ts`) so the funnel module stays self-contained.
 */
export type StageDto = Schemas['StageDto'];
export type StageKind = Schemas['StageKind'];
export type BoardDto = Schemas['BoardDto'];
export type BoardColumnDto = Schemas['BoardColumnDto'];
/** A deal on the board: what its card shows (a full DealDto, e.g. a moved deal, is one too). */
export type BoardCardDto = Schemas['BoardCardDto'];
export type DealDto = Schemas['DealDto'];
export type DealStatus = Schemas['DealStatus'];
export type LineDto = Schemas['LineDto'];
export type LineInputDto = Schemas['LineInputDto'];
export type CreateDealDto = Schemas['CreateDealDto'];
export type UpdateDealDto = Schemas['UpdateDealDto'];
export type MoveDealDto = Schemas['MoveDealDto'];
export type StageChangeDto = Schemas['StageChangeDto'];
export type ProposalDto = Schemas['ProposalDto'];
export type ProposalStatus = Schemas['ProposalStatus'];
export type ContractDto = Schemas['ContractDto'];
export type ContractStatus = Schemas['ContractStatus'];
export type InvoiceDto = Schemas['InvoiceDto'];
export type InvoiceStatus = Schemas['InvoiceStatus'];
export type PaymentDto = Schemas['PaymentDto'];
export type ProductDto = Schemas['ProductDto'];
export type ProductGroupDto = Schemas['ProductGroupDto'];
export type FunnelReferenceItem = Schemas['ReferenceItemDto'];
export type FunnelClientDto = Schemas['ClientDto'];

export type BoardQuery = NonNullable<paths['/api/funnel/board']['get']['parameters']['query']>;
export type InvoiceListQuery = NonNullable<paths['/api/invoices']['get']['parameters']['query']>;
export type ProductListQuery = NonNullable<paths['/api/products']['get']['parameters']['query']>;

export const INVOICE_STATUSES: readonly InvoiceStatus[] = ['issued', 'partly_paid', 'paid', 'overdue', 'cancelled'];
