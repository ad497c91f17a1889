import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };
export type Schemas = components['schemas'];
export type ApiClient = Client<paths>;

/** The error body every API failure carries (see the API's error filter). */
export type ApiErrorBody = components['schemas']['ErrorResponseDto'];

export interface ApiClientOptions extends ClientOptions {
  /** Returns the current access token, or null when signed out. */
  getAccessToken?: () => string | null | undefined;
}

/**
 * Creates a typed client for the Polar CRM API. Every path, parameter and body is
 * checked against the OpenAPI contract at compile time.
 */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const { getAccessToken, ...clientOptions } = options;
  const client = createClient<paths>(clientOptions);
  if (getAccessToken) {
    const auth: Middleware = {
      onRequest({ request }) {
        const token = getAccessToken();
        if (token && !request.headers.has('Authorization')) {
          request.headers.set('Authorization', `Bearer ${token}`);
        }
        return request;
      },
    };
    client.use(auth);
  }
  return client;
}

export type { Middleware };
