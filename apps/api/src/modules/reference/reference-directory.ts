import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Questions other modules ask about the reference lists, without reading `reference_items`. */
@Injectable()
export class ReferenceDirectory {
  /** The item's name when it is an active item of the kind, else null. */
  async activeItemName(em: EntityManager, kind: string, id: string): Promise<string | null> {
    const [row]: Array<{ name: string }> = await em.query(`SELECT name FROM reference_items WHERE id = $1 AND kind = $2 AND is_active`, [id, kind]);
    return row?.name ?? null;
  }
}
