/**
 * Keys under which @nestjs/swagger keeps its decorator metadata. The package does not
 * export its constants module (its `exports` map hides `dist/`), so they are named here;
 * the fuzz and bad-input e2e tests fail if a swagger upgrade ever renames them.
 */
export const SWAGGER_METADATA = {
  consumes: 'swagger/apiConsumes',
  properties: 'swagger/apiModelProperties',
  propertyList: 'swagger/apiModelPropertiesArray',
} as const;
