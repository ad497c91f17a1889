/** Events of the service department (module `service`). */
export interface ServiceEvents {
  'installation.created': {
    installationId: string;
    dealId: string;
    dealTitle: string;
    clientId: string;
    contractId: string;
    contractNumber: string;
    deadline: string | null;
  };
}
