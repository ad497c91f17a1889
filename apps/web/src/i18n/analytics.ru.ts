/** Russian for the analytics screens and the home dashboard (English mirrors these keys). */
const analyticsRu = {
  analytics: {
    title: 'Аналитика',
    download: 'Скачать XLSX',
    downloaded: 'Файл {name} скачан',
    date: 'Дата',
    scope: {
      all: 'Вся компания',
      department: 'Ваш отдел',
      own: 'Ваши клиенты',
    },
    vsPrevious: 'к прошлому периоду',
    noPrevious: 'в прошлом периоде не было',
    was: 'было {value}',
    dashboard: {
      title: 'Показатели дня',
      subtitle: 'Выручка, ожидаемые продажи, воронка и контакты на {date}',
      kpi: {
        revenueToday: 'Выручка за день',
        revenueMonth: 'Выручка с начала месяца',
        newDeals: 'Новые интересы за месяц',
        wonDeals: 'Выиграно за месяц (сделок: {n})',
        openDeals: 'Открытые сделки',
        weighted: 'Ожидаемо с учётом вероятности',
      },
      previousDay: 'к предыдущему дню',
      previousMonth: 'к тем же дням прошлого месяца',
      openAmount: 'на сумму {amount}',
      plan: {
        title: 'Выручка против плана месяца',
        actual: 'Получено',
        plan: 'План',
        noPlan: 'План на месяц не задан',
        percent: 'Выполнение плана',
      },
      expected: {
        title: 'Ожидаемые продажи по месяцам закрытия',
        amount: 'Сумма сделок',
        weighted: 'С учётом вероятности',
        noDate: 'Без даты',
        empty: 'Открытых сделок нет',
      },
      stages: {
        title: 'Открытые сделки по этапам',
        stage: 'Этап',
        deals: 'Сделок',
        amount: 'Сумма',
        series: 'Сумма сделок',
      },
      contacts: {
        title: 'Контакты сотрудников',
        employee: 'Сотрудник',
        done: 'Состоялось',
        overdue: 'Просрочено',
        planned: 'Запланировано',
        empty: 'Контактов на этот день нет',
      },
      invoices: {
        title: 'Просроченные счета',
        summary: '{count} на сумму {amount}',
        number: 'Счёт',
        client: 'Клиент',
        due: 'Срок оплаты',
        days: 'Дней просрочки',
        outstanding: 'Долг',
        empty: 'Просроченных счетов нет',
        more: 'Показаны самые старые {shown} из {count}',
      },
      complaints: {
        title: 'Проблемные обращения',
        pending: 'Появятся, когда заработает модуль «Качество»',
      },
      installations: {
        title: 'Монтажи под угрозой срока',
        pending: 'Появятся, когда заработает модуль «Сервис»',
      },
      modules: 'Разделы',
    },
  },
};

export default analyticsRu;
