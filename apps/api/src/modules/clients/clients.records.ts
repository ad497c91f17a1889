import type { AccessService } from '../../common/access/access.service';

/**
 * The record kinds the clients module owns, as the access service sees them. Only this
 * module reads these tables; others ask AccessService, which calls these loaders.
 */
export function registerClientRecords(access: AccessService): void {
  access.register('client', async (em, id) => {
    const [row] = await em.query(`SELECT manager_id FROM clients WHERE id = $1`, [id]);
    return row ? { clientId: id, clientManager: row.manager_id } : null;
  });
  access.register('contact', async (em, id) => {
    const [row] = await em.query(`SELECT client_id FROM client_contacts WHERE id = $1`, [id]);
    return row ? { clientId: row.client_id } : null;
  });
  access.register('segment', async (em, id) => {
    const [row] = await em.query(`SELECT owner_id, shared FROM segments WHERE id = $1`, [id]);
    return row ? { owner: row.owner_id, shared: row.shared } : null;
  });
  access.register('import', async (em, id) => {
    const [row] = await em.query(`SELECT created_by FROM client_imports WHERE id = $1`, [id]);
    return row ? { creator: row.created_by } : null;
  });
}
