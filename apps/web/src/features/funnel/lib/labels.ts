import { t } from '@/i18n';
import type { ContractStatus, DealStatus, InvoiceStatus, ProposalStatus } from '@/features/funnel/lib/types';

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

export type StatusKind = 'deal' | 'proposal' | 'contract' | 'invoice';

const KEYS: Record<StatusKind, string> = {
  deal: 'funnel.dealStatus',
  proposal: 'funnel.proposalStatus',
  contract: 'funnel.contractStatus',
  invoice: 'funnel.invoiceStatus',
};

const TAGS: Record<StatusKind, Record<string, TagType>> = {
  deal: { open: 'primary', won: 'success', lost: 'danger' } satisfies Record<DealStatus, TagType>,
  proposal: { draft: 'info', sent: 'primary', accepted: 'success', rejected: 'danger' } satisfies Record<ProposalStatus, TagType>,
  contract: { draft: 'info', signed: 'success', cancelled: 'danger' } satisfies Record<ContractStatus, TagType>,
  invoice: {
    issued: 'primary',
    partly_paid: 'warning',
    paid: 'success',
    overdue: 'danger',
    cancelled: 'info',
  } satisfies Record<InvoiceStatus, TagType>,
};

/** The translated name of a deal / proposal / contract / invoice status. */
export function statusLabel(kind: StatusKind, status: string): string {
  return t(`${KEYS[kind]}.${status}`);
}

export function statusTagType(kind: StatusKind, status: string): TagType {
  return TAGS[kind][status] ?? 'info';
}
