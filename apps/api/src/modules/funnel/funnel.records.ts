import type { AccessService, RecordLoader } from '../../common/access/access.service';

/** The funnel's record kinds for the access service: each hangs off its deal's client. */
export function registerFunnelRecords(access: AccessService): void {
  const byClient =
    (sql: string): RecordLoader =>
    async (em, id) => {
      const [row] = await em.query(sql, [id]);
      return row ? { clientId: row.client_id as string } : null;
    };
  access.register('deal', byClient(`SELECT client_id FROM deals WHERE id = $1`));
  access.register('proposal', byClient(`SELECT d.client_id FROM proposals p JOIN deals d ON d.id = p.deal_id WHERE p.id = $1`));
  access.register('contract', byClient(`SELECT d.client_id FROM contracts k JOIN deals d ON d.id = k.deal_id WHERE k.id = $1`));
  access.register('invoice', byClient(`SELECT client_id FROM invoices WHERE id = $1`));
}
