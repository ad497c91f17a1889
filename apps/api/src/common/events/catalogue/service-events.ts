/** Events of the service department (module `service`). Days are 'YYYY-MM-DD', amounts decimal strings. */
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
  /** Planned day, engineers, started or cancelled: audit only. */
  'installation.updated': { installationId: string; clientId: string; status: string };
  /** The job is done: its units are in the equipment registry (same transaction). */
  'installation.done': {
    installationId: string;
    clientId: string;
    finishedOn: string;
    deadline: string | null;
    /** Finished after the deadline; then slipCode/slipReason say why. */
    late: boolean;
    slipCode: string | null;
    slipReason: string | null;
    units: Array<{ unitId: string; model: string; serialNumber: string }>;
  };
  'equipment.changed': { unitId: string; clientId: string };
  'service_contract.changed': { serviceContractId: string; clientId: string; number: string };
  /** The contract ends soon: its client's manager gets a renewal task (planning). */
  'service_contract.renewal_due': { serviceContractId: string; clientId: string; number: string; endsOn: string };
  'service_visit.changed': { visitId: string; clientId: string; status: string };
  /** A visit reported done: on the client's timeline. */
  'service_visit.done': { visitId: string; clientId: string; doneOn: string; workDone: string; unitLabel: string | null; signatoryName: string | null };
  'service_request.changed': { requestId: string; clientId: string; kind: string; status: string };
}
