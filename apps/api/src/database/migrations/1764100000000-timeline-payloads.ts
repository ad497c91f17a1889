import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Timeline entries become a kind + typed payload; the server stops storing sentences.
 * Rows written before carry their data into the payload (from the title where that
 * was the only place, else from the records they are about), then `title` goes: every
 * row is rendered from its payload by the client, in the reader's language. A row
 * whose record is gone keeps the payload it had; the client shows its kind.
 */
export class TimelinePayloads1764100000000 implements MigrationInterface {
  name = 'TimelinePayloads1764100000000';

  async up(q: QueryRunner): Promise<void> {
    // The contact's name was only in the title: «Изменено контактное лицо: <name>».
    await q.query(`UPDATE timeline_events SET payload = payload || jsonb_build_object('fullName', substring(title from ': (.*)$'))
                    WHERE kind = 'contact_updated' AND NOT payload ? 'fullName' AND title LIKE '%: %'`);
    // Deals: the title (and amount where missing) from the deal.
    await q.query(`UPDATE timeline_events e SET payload = e.payload || jsonb_build_object('title', d.title) || jsonb_build_object('amount', coalesce(e.payload->>'amount', d.amount::text))
                     FROM deals d
                    WHERE e.kind IN ('deal_created', 'deal_stage_changed', 'deal_won', 'deal_lost') AND d.id::text = e.payload->>'dealId' AND NOT e.payload ? 'title'`);
    // Tasks: type, subject and due time from the task (the payment-call job stored only its id).
    await q.query(`UPDATE timeline_events e SET payload = e.payload || jsonb_build_object(
                      'taskId', t.id::text, 'type', t.type, 'subject', t.subject, 'dueAt', to_char(t.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                      'assigneeId', t.assignee_id::text, 'source', t.source)
                     FROM tasks t
                    WHERE e.kind = 'task_planned' AND e.subject_type = 'task' AND t.id::text = e.subject_id`);
    await q.query(`UPDATE timeline_events e SET payload = e.payload || jsonb_build_object('taskId', t.id::text, 'type', t.type, 'subject', t.subject)
                     FROM tasks t
                    WHERE e.kind IN ('task_done', 'task_cancelled') AND e.subject_type = 'task' AND t.id::text = e.subject_id`);
    await q.query(`UPDATE timeline_events SET payload = (payload - 'result') || jsonb_build_object('reason', payload->'result')
                    WHERE kind = 'task_cancelled' AND payload ? 'result'`);
    // Hand-over: the deal's title and the contract's number.
    await q.query(`UPDATE timeline_events e SET payload = e.payload || jsonb_build_object('dealTitle', d.title, 'contractNumber', k.number)
                     FROM deals d, contracts k
                    WHERE e.kind = 'installation_created' AND d.id::text = e.payload->>'dealId' AND k.id::text = e.payload->>'contractId'`);
    // Payments: whether the invoice was paid off, from the amounts of the entry or the invoice.
    await q.query(`UPDATE timeline_events e SET payload = e.payload
                      || jsonb_build_object('invoiceAmount', coalesce(e.payload->>'invoiceAmount', i.amount::text))
                      || jsonb_build_object('paidAmount', coalesce(e.payload->>'paidAmount', e.payload->>'amount'))
                      || jsonb_build_object('fullyPaid', coalesce((e.payload->>'paidAmount')::numeric, (e.payload->>'amount')::numeric) >= coalesce((e.payload->>'invoiceAmount')::numeric, i.amount))
                     FROM invoices i
                    WHERE e.kind = 'payment_received' AND e.subject_type = 'invoice' AND i.id::text = e.subject_id AND NOT e.payload ? 'fullyPaid'`);
    await q.query(`UPDATE timeline_events SET payload = payload - 'source' WHERE kind IN ('client_created', 'note') AND payload->>'source' = 'demo'`);
    await q.query(`ALTER TABLE "timeline_events" DROP COLUMN "title"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "timeline_events" ADD "title" character varying(500) NOT NULL DEFAULT ''`);
    await q.query(`UPDATE timeline_events SET title = kind`);
    await q.query(`ALTER TABLE "timeline_events" ALTER COLUMN "title" DROP DEFAULT`);
  }
}
