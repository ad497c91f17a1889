import type { Schemas } from '@polar/api-client';

/** Short names for the generated jobs API schemas (no hand-written API types). */
export type JobDto = Schemas['JobDto'];
export type JobRunDto = Schemas['JobRunDto'];
export type JobRunStatus = JobRunDto['status'];
