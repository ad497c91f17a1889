/** Events of the quality department (module `quality`). */
export interface QualityEvents {
  'complaint.created': { complaintId: string; clientId: string; number: number; subjectKind: string; channel: string; deadlineAt: string; status: string };
  /** Any change of a complaint's state or data: the audit entry says what. */
  'complaint.changed': {
    complaintId: string;
    clientId: string;
    number: number;
    action: string;
    status: string;
    /** As they are after the change (the client's history words a registration or a closing with them). */
    subjectKind: string;
    channel: string;
    deadlineAt: string;
    decision: string | null;
    breached: boolean;
  };
  'complaint.request_created': { complaintId: string; clientId: string; requestId: string; addresseeId: string; department: string; deadlineAt: string };
  'complaint.request_answered': { complaintId: string; clientId: string; requestId: string; addresseeId: string };
  /** The watchdog found deadlines past: one event per run step, every item and whom it told. */
  'complaints.escalated': { items: Array<{ complaintId: string; itemKind: 'complaint' | 'request'; itemId: string; recipientIds: string[] }> };
  'survey.answered': { surveyId: string; responseId: string; clientId: string | null; channel: string; complaintId: string | null };
}
