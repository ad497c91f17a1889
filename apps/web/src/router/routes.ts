import type { RouteRecordRaw } from 'vue-router';
import { MODULES } from '@/navigation/modules';
import { CLIENT_CARD_ACTIONS, CLIENT_CARD_TABS, CLIENT_CONTACT_SECTIONS } from './clientCard';

const placeholderRoutes: RouteRecordRaw[] = MODULES.filter((m) => !m.ready).map((m) => ({
  path: m.path.slice(1),
  name: m.key,
  component: () => import('@/views/PlaceholderView.vue'),
  props: { moduleKey: m.key },
  meta: { permission: m.permission, titleKey: `nav.${m.key}` },
}));

export const routes: RouteRecordRaw[] = [
  {
    path: '/unsubscribe',
    name: 'unsubscribe',
    component: () => import('@/features/marketing/views/UnsubscribeView.vue'),
    meta: { public: true, titleKey: 'marketing.unsubscribe.title' },
  },
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/LoginView.vue'),
    meta: { public: true, titleKey: 'auth.title' },
  },
  {
    // The public survey page of a personal e-mail link: no sign-in, outside the staff layout.
    path: '/survey/:token',
    name: 'publicSurvey',
    component: () => import('@/features/quality/views/PublicSurveyView.vue'),
    props: true,
    meta: { public: true, titleKey: 'quality.public.title' },
  },
  {
    path: '/',
    component: () => import('@/layout/AppLayout.vue'),
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('@/views/HomeView.vue'),
        meta: { titleKey: 'nav.home' },
      },
      {
        path: 'profile',
        name: 'profile',
        component: () => import('@/views/ProfileView.vue'),
        meta: { titleKey: 'nav.profile' },
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('@/features/users/views/UsersView.vue'),
        meta: { permission: 'users.read', titleKey: 'nav.users' },
      },
      {
        path: 'audit-log',
        name: 'auditLog',
        component: () => import('@/features/audit/views/AuditLogView.vue'),
        meta: { permission: 'audit.read', titleKey: 'nav.auditLog' },
      },
      {
        path: 'clients',
        name: 'clients',
        component: () => import('@/features/clients/views/ClientsView.vue'),
        meta: { permission: 'clients.read', titleKey: 'nav.clients' },
      },
      {
        path: 'clients/import',
        name: 'clientImport',
        component: () => import('@/features/clients/views/ClientImportView.vue'),
        meta: { permission: 'clients.import', titleKey: 'clients.import.title' },
      },
      {
        path: 'clients/segments',
        name: 'clientSegments',
        component: () => import('@/features/clients/views/SegmentsView.vue'),
        meta: { permission: 'clients.read', titleKey: 'clients.segmentsPage.title' },
      },
      {
        path: 'clients/:id',
        name: 'clientCard',
        component: () => import('@/features/clients/views/ClientCardView.vue'),
        // the tabs, header actions and contact sections of the modules above clients reach
        // the card from here (see clientCard.ts)
        props: (route) => ({ id: route.params.id, tabs: CLIENT_CARD_TABS, actions: CLIENT_CARD_ACTIONS, contactSections: CLIENT_CONTACT_SECTIONS }),
        meta: { permission: 'clients.read', titleKey: 'nav.clients' },
      },
      // ---------------------------------------------------------------- sales funnel
      {
        path: 'funnel',
        name: 'funnel',
        component: () => import('@/features/funnel/views/FunnelBoardView.vue'),
        // the board's data is asked for while its code loads
        beforeEnter: (to) => void import('@/features/funnel/api/board').then((m) => m.prefetchBoard(to.query)),
        meta: { permission: 'funnel.read', titleKey: 'nav.funnel' },
      },
      {
        path: 'funnel/deals/:id',
        name: 'funnelDeal',
        component: () => import('@/features/funnel/views/DealCardView.vue'),
        props: true,
        meta: { permission: 'funnel.read', titleKey: 'funnel.deal.title' },
      },
      {
        path: 'funnel/invoices',
        name: 'funnelInvoices',
        component: () => import('@/features/funnel/views/InvoicesView.vue'),
        meta: { permission: 'funnel.read', titleKey: 'funnel.invoices.title' },
      },
      {
        path: 'funnel/catalog',
        name: 'funnelCatalog',
        component: () => import('@/features/funnel/views/CatalogView.vue'),
        meta: { permission: 'funnel.read', titleKey: 'funnel.catalog.title' },
      },
      // ---------------------------------------------------------------- planning and jobs
      {
        path: 'planning',
        name: 'planning',
        component: () => import('@/features/planning/views/MyDayView.vue'),
        meta: { permission: 'planning.read', titleKey: 'planning.myDay.title' },
      },
      {
        path: 'planning/tasks',
        name: 'planningTasks',
        component: () => import('@/features/planning/views/TasksView.vue'),
        meta: { permission: 'planning.read', titleKey: 'planning.tasks.title' },
      },
      {
        path: 'planning/team',
        name: 'planningTeam',
        component: () => import('@/features/planning/views/TeamDayView.vue'),
        meta: { permission: 'planning.team', titleKey: 'planning.team.title' },
      },
      {
        path: 'planning/plans',
        name: 'planningPlans',
        component: () => import('@/features/planning/views/PlansView.vue'),
        meta: { permission: 'planning.read', titleKey: 'planning.plans.title' },
      },
      // ---------------------------------------------------------------- analytics
      {
        path: 'analytics',
        name: 'analytics',
        component: () => import('@/features/analytics/views/DashboardView.vue'),
        meta: { permission: 'analytics.read', titleKey: 'nav.analytics' },
      },
      // ---------------------------------------------------------------- service
      {
        path: 'service',
        name: 'service',
        component: () => import('@/features/service/views/InstallationBoardView.vue'),
        meta: { permission: 'service.read', titleKey: 'service.installation.title' },
      },
      {
        path: 'service/my-day',
        name: 'serviceMyDay',
        component: () => import('@/features/service/views/MyDayView.vue'),
        meta: { permission: 'service.write', titleKey: 'service.myDay.title' },
      },
      {
        path: 'service/equipment',
        name: 'serviceEquipment',
        component: () => import('@/features/service/views/EquipmentView.vue'),
        meta: { permission: 'service.read', titleKey: 'service.equipment.title' },
      },
      {
        path: 'service/equipment/:id',
        name: 'serviceUnit',
        component: () => import('@/features/service/views/UnitCardView.vue'),
        props: true,
        meta: { permission: 'service.read', titleKey: 'service.equipment.title' },
      },
      {
        path: 'service/contracts',
        name: 'serviceContracts',
        component: () => import('@/features/service/views/ContractsView.vue'),
        meta: { permission: 'service.read', titleKey: 'service.contract.title' },
      },
      {
        path: 'service/contracts/:id',
        name: 'serviceContract',
        component: () => import('@/features/service/views/ContractCardView.vue'),
        props: true,
        meta: { permission: 'service.read', titleKey: 'service.contract.title' },
      },
      {
        path: 'service/visits/:id',
        name: 'serviceVisit',
        component: () => import('@/features/service/views/VisitView.vue'),
        props: true,
        meta: { permission: 'service.read', titleKey: 'service.visit.title' },
      },
      {
        path: 'service/requests',
        name: 'serviceRequests',
        component: () => import('@/features/service/views/RequestsView.vue'),
        meta: { permission: 'service.read', titleKey: 'service.request.title' },
      },
      {
        path: 'service/calendar',
        name: 'serviceCalendar',
        component: () => import('@/features/service/views/EngineersCalendarView.vue'),
        meta: { permission: 'service.read', titleKey: 'service.calendar.title' },
      },
      // ---------------------------------------------------------------- quality
      {
        path: 'quality',
        name: 'quality',
        component: () => import('@/features/quality/views/ComplaintsView.vue'),
        meta: { permission: 'complaints.read', titleKey: 'quality.inbox.title' },
      },
      {
        path: 'quality/complaints/:id',
        name: 'qualityComplaint',
        component: () => import('@/features/quality/views/ComplaintCardView.vue'),
        props: true,
        meta: { permission: 'complaints.read', titleKey: 'quality.inbox.title' },
      },
      {
        path: 'quality/requests',
        name: 'qualityRequests',
        component: () => import('@/features/quality/views/MyRequestsView.vue'),
        meta: { permission: 'complaints.answer', titleKey: 'quality.requests.mineTitle' },
      },
      {
        path: 'quality/stats',
        name: 'qualityStats',
        component: () => import('@/features/quality/views/ComplaintStatsView.vue'),
        meta: { permission: 'complaints.read', titleKey: 'quality.stats.title' },
      },
      {
        path: 'quality/surveys',
        name: 'qualitySurveys',
        component: () => import('@/features/quality/views/SurveysView.vue'),
        meta: { permission: 'quality.read', titleKey: 'quality.surveys.title' },
      },
      {
        path: 'quality/surveys/:id',
        name: 'qualitySurvey',
        component: () => import('@/features/quality/views/SurveyView.vue'),
        props: true,
        meta: { permission: 'quality.read', titleKey: 'quality.surveys.title' },
      },
      {
        path: 'analytics/managers',
        name: 'analyticsManagers',
        component: () => import('@/features/analytics/views/ManagersMonthlyView.vue'),
        meta: { permission: 'analytics.read', titleKey: 'analytics.managers.title' },
      },
      {
        path: 'analytics/funnel',
        name: 'analyticsFunnel',
        component: () => import('@/features/analytics/views/FunnelReportView.vue'),
        meta: { permission: 'analytics.read', titleKey: 'analytics.funnel.title' },
      },
      {
        path: 'analytics/sales',
        name: 'analyticsSales',
        component: () => import('@/features/analytics/views/SalesReportView.vue'),
        meta: { permission: 'analytics.read', titleKey: 'analytics.sales.title' },
      },
      {
        path: 'analytics/portfolio',
        name: 'analyticsPortfolio',
        component: () => import('@/features/analytics/views/PortfolioView.vue'),
        meta: { permission: 'analytics.read', titleKey: 'analytics.portfolio.title' },
      },
      {
        path: 'analytics/competitors',
        name: 'analyticsCompetitors',
        component: () => import('@/features/analytics/views/CompetitorsView.vue'),
        meta: { permission: 'competitors.read', titleKey: 'analytics.competitors.title' },
      },
      {
        path: 'jobs',
        name: 'jobs',
        component: () => import('@/features/jobs/views/JobsView.vue'),
        meta: { permission: 'jobs.read', titleKey: 'jobs.title' },
      },
      {
        path: 'marketing',
        name: 'marketing',
        component: () => import('@/features/marketing/views/CampaignsView.vue'),
        meta: { permission: 'campaigns.read', titleKey: 'nav.marketing' },
      },
      {
        path: 'marketing/campaigns/:id',
        name: 'marketingCampaign',
        component: () => import('@/features/marketing/views/CampaignCardView.vue'),
        meta: { permission: 'campaigns.read', titleKey: 'nav.marketing' },
      },
      {
        path: 'marketing/channels',
        name: 'marketingChannels',
        component: () => import('@/features/marketing/views/ChannelsView.vue'),
        meta: { permission: 'campaigns.read', titleKey: 'marketing.channels.title' },
      },
      {
        path: 'marketing/mailings',
        name: 'marketingMailings',
        component: () => import('@/features/marketing/views/MailingsView.vue'),
        meta: { permission: 'marketing.read', titleKey: 'marketing.mailings.title' },
      },
      {
        path: 'marketing/mailings/:id',
        name: 'marketingMailing',
        component: () => import('@/features/marketing/views/MailingView.vue'),
        meta: { permission: 'marketing.read', titleKey: 'marketing.mailings.title' },
      },
      {
        path: 'marketing/suppressions',
        name: 'marketingSuppressions',
        component: () => import('@/features/marketing/views/SuppressionsView.vue'),
        meta: { permission: 'marketing.read', titleKey: 'marketing.suppressions.title' },
      },
      {
        path: 'marketing/greetings',
        name: 'marketingGreetings',
        component: () => import('@/features/marketing/views/GreetingsView.vue'),
        meta: { permission: 'marketing.read', titleKey: 'marketing.greetings.title' },
      },
      {
        path: 'marketing/abc-xyz',
        name: 'marketingAbcXyz',
        component: () => import('@/features/marketing/views/AbcXyzView.vue'),
        meta: { permission: 'marketing.read', titleKey: 'marketing.abcXyz.title' },
      },
      {
        path: 'calendar',
        name: 'calendar',
        component: () => import('@/features/calendar/views/CalendarView.vue'),
        meta: { permission: 'calendar.manage', titleKey: 'calendar.title' },
      },
      {
        path: 'queues',
        name: 'queues',
        component: () => import('@/features/queues/views/QueuesView.vue'),
        meta: { permission: 'queues.manage', titleKey: 'queues.title' },
      },
      {
        path: 'company',
        name: 'company',
        component: () => import('@/features/company/views/CompanyView.vue'),
        meta: { permission: 'company.manage', titleKey: 'company.title' },
      },
      {
        path: 'integrations/:tab(tokens|webhooks|inbound)?',
        name: 'integrations',
        component: () => import('@/features/integrations/views/IntegrationsView.vue'),
        meta: { permission: 'integrations.manage', titleKey: 'integrations.title' },
      },
      ...placeholderRoutes,
      // Both keep the address the user typed: the guard sends a denied navigation to
      // `forbidden` by name with the same path, a path matches `notFound` first.
      {
        path: ':pathMatch(.*)*',
        name: 'notFound',
        component: () => import('@/views/NotFoundView.vue'),
        meta: { titleKey: 'notFound.title' },
      },
      {
        path: ':deniedPath(.*)*',
        name: 'forbidden',
        component: () => import('@/views/ForbiddenView.vue'),
        meta: { titleKey: 'forbidden.title' },
      },
    ],
  },
];
