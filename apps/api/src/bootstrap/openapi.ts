import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export const DOCS_PATH = 'api/docs';
export const DOCS_JSON_PATH = 'api/docs-json';

/**
 * Builds the OpenAPI document the API serves and `pnpm openapi` writes: stable
 * operationIds (Controller_method) and keys sorted, so that the committed file only
 * changes when the API does.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Polar CRM API')
    .setDescription(
      'REST API of Polar CRM. Every operation shows the permission it requires in `x-permission`; ' +
        'records outside your scope answer 404. Errors share one body: {statusCode, code, message, details?}.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API token (polar_…); also accepted as `Authorization: Bearer polar_…`' }, 'apiKey')
    .addServer('/', 'This server')
    .addTag('audit', 'History of changes to business records and users')
    .addTag('auth', 'Sign-in, token refresh and the current user')
    .addTag('catalog', 'Products and product groups')
    .addTag('clients', 'Client base: clients, contacts, dossier, history, import and export')
    .addTag('departments', 'Departments of the company')
    .addTag('funnel', 'Sales funnel: stages, deals, proposals, contracts, invoices, payments')
    .addTag('health', 'Liveness and database readiness')
    .addTag('integrations', 'API tokens, webhooks and inbound channels (website leads, telephony, e-mail)')
    .addTag('jobs', 'Scheduled jobs and their runs')
    .addTag('marketing', 'Campaigns, influences, effectiveness, mailings, consent and suppression, ABC/XYZ')
    .addTag('planning', 'Tasks, the day plan, monthly plans')
    .addTag('reference', 'Reference lists kept by the administrator')
    .addTag('segments', 'Saved client segments')
    .addTag('service', 'Installation jobs and service work')
    .addTag('users', 'Staff accounts, roles and assistants')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  return sortKeys(document) as OpenAPIObject;
}

export function mountSwagger(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup(DOCS_PATH, app, document, {
    jsonDocumentUrl: DOCS_JSON_PATH,
    yamlDocumentUrl: 'api/docs-yaml',
    customSiteTitle: 'Polar CRM API',
    swaggerOptions: { persistAuthorization: true, tagsSorter: 'alpha', operationsSorter: 'alpha' },
  });
}

/** Deep copy with object keys sorted; arrays keep their order (it can be meaningful). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function serializeOpenApi(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
