import type { paths, Schemas } from '@polar/api-client';
import { keepPreviousData, useQuery } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { BodyOf } from '@/api/types';
import { queryClient, REFERENCE_STALE_MS } from '@/shared/query/client';

export type ComplaintDto = Schemas['ComplaintDto'];
export type ComplaintDetailDto = Schemas['ComplaintDetailDto'];
export type ComplaintRequestDto = Schemas['ComplaintRequestDto'];
export type MyRequestDto = Schemas['MyRequestDto'];
export type ComplaintStatsDto = Schemas['ComplaintStatsDto'];
export type StatsBucketDto = Schemas['StatsBucketDto'];
export type CreateComplaintDto = Schemas['CreateComplaintDto'];
export type QualityPersonDto = Schemas['QualityPersonDto'];
export type QualityNoticeDto = Schemas['QualityNoticeDto'];
export type SurveyDto = Schemas['SurveyDto'];
export type SurveyQuestionDto = Schemas['SurveyQuestionDto'];
export type SurveyResultsDto = Schemas['SurveyResultsDto'];
export type QuestionResultDto = Schemas['QuestionResultDto'];
export type InvitationDto = Schemas['InvitationDto'];
export type PublicSurveyDto = Schemas['PublicSurveyDto'];
export type ComplaintListQuery = NonNullable<paths['/api/complaints']['get']['parameters']['query']>;

/** Query keys of the quality module (a change to a complaint invalidates `qualityKeys.complaints`). */
export const qualityKeys = {
  complaints: ['quality', 'complaints'] as const,
  list: (q: ComplaintListQuery) => ['quality', 'complaints', 'list', q] as const,
  one: (id: string) => ['quality', 'complaints', 'one', id] as const,
  stats: (from: string, to: string) => ['quality', 'complaints', 'stats', from, to] as const,
  mine: ['quality', 'complaints', 'mine'] as const,
  notices: ['quality', 'complaints', 'notices'] as const,
  people: ['quality', 'people'] as const,
  surveys: ['quality', 'surveys'] as const,
  survey: (id: string) => ['quality', 'surveys', id] as const,
  results: (id: string) => ['quality', 'surveys', id, 'results'] as const,
  invitations: (id: string) => ['quality', 'surveys', id, 'invitations'] as const,
};

export function useComplaintsQuery(query: Ref<ComplaintListQuery>) {
  return useQuery(
    {
      queryKey: computed(() => qualityKeys.list(query.value)),
      queryFn: ({ signal }) => unwrap(api.GET('/api/complaints', { params: { query: query.value }, signal })),
      placeholderData: keepPreviousData,
    },
    queryClient,
  );
}

export function useComplaintQuery(id: Ref<string>) {
  return useQuery(
    {
      queryKey: computed(() => qualityKeys.one(id.value)),
      queryFn: ({ signal }) => unwrap(api.GET('/api/complaints/{id}', { params: { path: { id: id.value } }, signal })),
    },
    queryClient,
  );
}

export function useComplaintStatsQuery(from: Ref<string>, to: Ref<string>) {
  return useQuery(
    {
      queryKey: computed(() => qualityKeys.stats(from.value, to.value)),
      queryFn: ({ signal }) => unwrap(api.GET('/api/complaints/stats', { params: { query: { from: from.value, to: to.value } }, signal })),
      placeholderData: keepPreviousData,
    },
    queryClient,
  );
}

export function useMyRequestsQuery() {
  return useQuery({ queryKey: qualityKeys.mine, queryFn: ({ signal }) => unwrap(api.GET('/api/complaints/requests/mine', { signal })) }, queryClient);
}

export function useNoticesQuery() {
  return useQuery({ queryKey: qualityKeys.notices, queryFn: ({ signal }) => unwrap(api.GET('/api/complaints/notices/mine', { signal })) }, queryClient);
}

/** Active staff for the subject and addressee pickers (quality department only). */
export function usePeopleQuery(enabled: Ref<boolean>) {
  return useQuery(
    { queryKey: qualityKeys.people, queryFn: ({ signal }) => unwrap(api.GET('/api/complaints/people', { signal })), staleTime: REFERENCE_STALE_MS, enabled },
    queryClient,
  );
}

export function useSurveysQuery() {
  return useQuery({ queryKey: qualityKeys.surveys, queryFn: ({ signal }) => unwrap(api.GET('/api/surveys', { signal })) }, queryClient);
}

export function useSurveyQuery(id: Ref<string>) {
  return useQuery(
    { queryKey: computed(() => qualityKeys.survey(id.value)), queryFn: ({ signal }) => unwrap(api.GET('/api/surveys/{id}', { params: { path: { id: id.value } }, signal })) },
    queryClient,
  );
}

export function useSurveyResultsQuery(id: Ref<string>) {
  return useQuery(
    {
      queryKey: computed(() => qualityKeys.results(id.value)),
      queryFn: ({ signal }) => unwrap(api.GET('/api/surveys/{id}/results', { params: { path: { id: id.value } }, signal })),
    },
    queryClient,
  );
}

export function useInvitationsQuery(id: Ref<string>) {
  return useQuery(
    {
      queryKey: computed(() => qualityKeys.invitations(id.value)),
      queryFn: ({ signal }) => unwrap(api.GET('/api/surveys/{id}/invitations', { params: { path: { id: id.value } }, signal })),
    },
    queryClient,
  );
}

/** After any complaint change: lists, cards, figures and request lists re-read. */
export function invalidateComplaints(): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: qualityKeys.complaints });
}

export function invalidateSurveys(): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: qualityKeys.surveys });
}

type Path = '/api/complaints/{id}/start' | '/api/complaints/{id}/register';

export async function moveComplaint(c: ComplaintDto, to: 'start' | 'register'): Promise<ComplaintDetailDto> {
  const path: Path = to === 'start' ? '/api/complaints/{id}/start' : '/api/complaints/{id}/register';
  return done(unwrap(api.POST(path, { params: { path: { id: c.id } }, body: { version: c.version } })));
}

export function answerComplaint(c: ComplaintDto, answer: string) {
  return done(unwrap(api.POST('/api/complaints/{id}/answer', { params: { path: { id: c.id } }, body: { version: c.version, answer } })));
}

export function recordCallback(c: ComplaintDto, at: string, outcome: string) {
  return done(unwrap(api.POST('/api/complaints/{id}/callback', { params: { path: { id: c.id } }, body: { version: c.version, at, outcome } })));
}

export function closeComplaint(c: ComplaintDto, decision: Schemas['ComplaintDecision'], decisionNote?: string) {
  return done(unwrap(api.POST('/api/complaints/{id}/close', { params: { path: { id: c.id } }, body: { version: c.version, decision, ...(decisionNote ? { decisionNote } : {}) } })));
}

export function rejectComplaint(c: ComplaintDto, reason: string) {
  return done(unwrap(api.POST('/api/complaints/{id}/reject', { params: { path: { id: c.id } }, body: { version: c.version, reason } })));
}

export function askDepartment(c: ComplaintDto, body: Schemas['CreateRequestDto']) {
  return done(unwrap(api.POST('/api/complaints/{id}/requests', { params: { path: { id: c.id } }, body })));
}

export function answerRequest(r: ComplaintRequestDto, answer: string) {
  return done(
    unwrap(api.POST('/api/complaints/{id}/requests/{requestId}/answer', { params: { path: { id: r.complaintId, requestId: r.id } }, body: { version: r.version, answer } })),
  );
}

export function createComplaint(body: CreateComplaintDto) {
  return done(unwrap(api.POST('/api/complaints', { body })));
}

/** A complaint changed: put the fresh card into the cache and let the lists re-read. */
async function done(call: Promise<ComplaintDetailDto>): Promise<ComplaintDetailDto> {
  const complaint = await call;
  queryClient.setQueryData(qualityKeys.one(complaint.id), complaint);
  void invalidateComplaints();
  return complaint;
}

/** Survey writes; a change sends the survey's version (409 stale_version). */
export const createSurvey = (body: BodyOf<'/api/surveys', 'post'>) => unwrap(api.POST('/api/surveys', { body }));

export const updateSurvey = (id: string, body: BodyOf<'/api/surveys/{id}', 'patch'>) =>
  unwrap(api.PATCH('/api/surveys/{id}', { params: { path: { id } }, body }));

/** Mails the survey link to the clients; answers which of them have no e-mail. */
export const inviteToSurvey = (id: string, clientIds: string[]) =>
  unwrap(api.POST('/api/surveys/{id}/invitations', { params: { path: { id } }, body: { clientIds } }));

/** An answer taken by phone; may open a complaint draft (low rating). */
export const recordSurveyResponse = (id: string, body: BodyOf<'/api/surveys/{id}/responses', 'post'>) =>
  unwrap(api.POST('/api/surveys/{id}/responses', { params: { path: { id } }, body }));

/** The public survey behind a link token (no session); 404 for an unknown token. */
export const fetchPublicSurvey = (token: string) => unwrap(api.GET('/api/public/survey', { params: { query: { token } } }));

/** The public answer; ApiError `already_answered`, `link_expired` or field errors. */
export const submitPublicSurvey = (body: BodyOf<'/api/public/survey', 'post'>) => unwrap(api.POST('/api/public/survey', { body }));
