import type queuesRu from './queues.ru';

/** English for the background work screen (mirrors queues.ru.ts). */
const queuesEn: typeof queuesRu = {
  queues: {
    title: 'Background work',
    subtitle: 'What the system does in the background: imports, job runs, mailings. Failed items can be retried.',
    names: {
      quality_escalate: 'Escalation of overdue complaints',
      marketing_mailing_dispatch: 'Mailing preparation',
      marketing_mail_send: 'Mailing e-mails',
      clients_import: 'Client import',
      jobs_run: 'Scheduled job runs',
      quality_survey_mail: 'Client survey e-mails',
      service_visit_plan: 'Service visit plans',
      webhooks_deliver: 'Webhook deliveries to integrators',
    },
    counts: {
      waiting: 'Waiting',
      retrying: 'Of them retrying',
      active: 'In progress',
      failed: 'Failed',
      done: 'Done',
    },
    allClear: 'No failures',
    failedBadge: 'failed: {n}',
    show: 'Show',
    itemsTitle: '{name}: items',
    status: {
      dead: 'Failed',
      waiting: 'Waiting',
      active: 'In progress',
      done: 'Done',
    },
    columns: {
      created: 'Queued',
      started: 'Started',
      finished: 'Finished',
      attempts: 'Attempts',
      progress: 'Progress',
      error: 'Last error',
    },
    attemptsOf: '{n} of {max}',
    nextTry: 'next try {at}',
    retry: 'Retry',
    retried: 'The item is queued again',
    total: 'Total: {total}',
    empty: {
      dead: 'No failed items',
      waiting: 'The queue is empty',
      active: 'Nothing is running now',
      done: 'No items done in the last days',
    },
  },
};

export default queuesEn;
