/** Events of the inbound channels (module `integrations`): leads, calls and e-mails. */
export interface IntegrationEvents {
  /** A lead came in (the website form or a call from an unknown number): client, deal and task exist. */
  'lead.received': {
    clientId: string;
    dealId: string;
    taskId: string;
    managerId: string;
    source: 'website' | 'call';
    /** True when the lead matched a client already in the base. */
    matched: boolean;
    contactName: string | null;
    phone: string | null;
    email: string | null;
    message: string | null;
  };
  /** A call from the telephony, on a known client (or one its lead just created). */
  'call.recorded': {
    callId: string;
    clientId: string;
    direction: 'incoming' | 'outgoing';
    missed: boolean;
    phone: string;
    durationSeconds: number;
    recordingUrl: string | null;
    startedAt: string;
    /** The «перезвонить» task of a missed call. */
    taskId: string | null;
  };
  /** An inbound e-mail attached to a client (by its sender, or by a reviewer). */
  'email.received': { emailId: string; clientId: string; fromAddress: string; fromName: string | null; subject: string; excerpt: string };
}
