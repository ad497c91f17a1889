/** old → new per changed field. */
export type Changes = Record<string, { from: unknown; to: unknown }>;

/** Events of the client base (module `clients`). */
export interface ClientEvents {
  'client.created': { clientId: string; name: string };
  /** A whole import file: one event for every client of it, so history is written in bulk. */
  'clients.imported': { clients: Array<{ clientId: string; name: string }> };
  'client.updated': { clientId: string; changes: Changes };
  'client.archived': { clientId: string };
  'client.restored': { clientId: string };
  /** One or many clients moved to another responsible manager (one statement, one event). */
  'clients.reassigned': {
    toManagerId: string;
    toManagerName: string;
    reason: string;
    moves: Array<{ clientId: string; fromManagerId: string; fromManagerName: string }>;
  };
  'contact.created': { clientId: string; contactId: string; fullName: string; position: string | null };
  'contact.updated': { clientId: string; contactId: string; fullName: string; changes: Changes };
  'contact.removed': { clientId: string; contactId: string; fullName: string };
  'dossier.updated': { clientId: string; changes: Changes };
}
