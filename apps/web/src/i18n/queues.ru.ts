/** Russian for the background work screen (the default locale; English mirrors these keys). */
const queuesRu = {
  queues: {
    title: 'Фоновые задачи',
    subtitle: 'Что система делает в фоне: импорт, запуск заданий, рассылки. Упавшие задачи можно повторить.',
    /** Queue names in words; a queue not listed here shows its technical name. */
    names: {
      quality_escalate: 'Эскалация просроченных жалоб',
      marketing_mailing_dispatch: 'Подготовка рассылок',
      marketing_mail_send: 'Отправка писем рассылок',
      clients_import: 'Импорт клиентов',
      jobs_run: 'Запуск регламентных заданий',
      quality_survey_mail: 'Письма с опросами клиентов',
      service_visit_plan: 'План сервисных визитов',
      webhooks_deliver: 'Доставка вебхуков интеграторам',
    },
    counts: {
      waiting: 'Ожидают',
      retrying: 'Из них повторяются',
      active: 'В работе',
      failed: 'С ошибкой',
      done: 'Выполнены',
    },
    allClear: 'Ошибок нет',
    failedBadge: 'ошибок: {n}',
    show: 'Показать',
    itemsTitle: '{name}: задачи',
    status: {
      dead: 'С ошибкой',
      waiting: 'Ожидают',
      active: 'В работе',
      done: 'Выполнены',
    },
    columns: {
      created: 'Поставлена',
      started: 'Начата',
      finished: 'Закончена',
      attempts: 'Попытки',
      progress: 'Ход работы',
      error: 'Последняя ошибка',
    },
    attemptsOf: '{n} из {max}',
    nextTry: 'следующая попытка {at}',
    retry: 'Повторить',
    retried: 'Задача снова в очереди',
    total: 'Всего: {total}',
    empty: {
      dead: 'Задач с ошибкой нет',
      waiting: 'Очередь пуста',
      active: 'Сейчас ничего не выполняется',
      done: 'Выполненных задач за последние дни нет',
    },
  },
};

export default queuesRu;
