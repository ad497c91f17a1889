import type analyticsRu from './analytics.ru';

/** English for the analytics screens and the home dashboard. */
const analyticsEn: typeof analyticsRu = {
  analytics: {
    title: 'Analytics',
    download: 'Download XLSX',
    downloaded: '{name} downloaded',
    date: 'Date',
    scope: {
      all: 'Whole company',
      department: 'Your department',
      own: 'Your clients',
    },
    vsPrevious: 'vs previous period',
    noPrevious: 'nothing in the previous period',
    was: 'was {value}',
    dashboard: {
      title: 'The day in figures',
      subtitle: 'Revenue, expected sales, funnel and contacts on {date}',
      kpi: {
        revenueToday: 'Revenue today',
        revenueMonth: 'Revenue month to date',
        newDeals: 'New interests this month',
        wonDeals: 'Won this month (deals: {n})',
        openDeals: 'Open deals',
        weighted: 'Expected, probability-weighted',
      },
      previousDay: 'vs the day before',
      previousMonth: 'vs the same days last month',
      openAmount: 'worth {amount}',
      plan: {
        title: 'Revenue against the month’s plan',
        actual: 'Received',
        plan: 'Plan',
        noPlan: 'No plan set for the month',
        percent: 'Plan achieved',
      },
      expected: {
        title: 'Expected sales by close month',
        amount: 'Deal amount',
        weighted: 'Probability-weighted',
        noDate: 'No date',
        empty: 'No open deals',
      },
      stages: {
        title: 'Open deals by stage',
        stage: 'Stage',
        deals: 'Deals',
        amount: 'Amount',
        series: 'Deal amount',
      },
      contacts: {
        title: 'Contacts per employee',
        employee: 'Employee',
        done: 'Done',
        overdue: 'Overdue',
        planned: 'Planned',
        empty: 'No contacts on this day',
      },
      invoices: {
        title: 'Overdue invoices',
        summary: '{count} worth {amount}',
        number: 'Invoice',
        client: 'Client',
        due: 'Due',
        days: 'Days overdue',
        outstanding: 'Outstanding',
        empty: 'No overdue invoices',
        more: 'The oldest {shown} of {count} shown',
      },
      complaints: {
        title: 'Problem complaints',
        pending: 'Will appear once the Quality module is in',
      },
      installations: {
        title: 'Installations at risk',
        pending: 'Will appear once the Service module is in',
      },
      modules: 'Sections',
    },
  },
};

export default analyticsEn;
