# Polar CRM web client — nginx serving the built SPA and proxying /api to the API.
# Build from the repository root:  docker build -f docker/web.Dockerfile -t polar-web .
FROM node:20-bookworm-slim AS build
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH CI=true
RUN npm install -g pnpm@10.34.9
WORKDIR /src
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY libs/access/package.json libs/access/
COPY libs/api-client/package.json libs/api-client/
COPY libs/business-time/package.json libs/business-time/
COPY libs/calendar/package.json libs/calendar/
COPY libs/money/package.json libs/money/
COPY libs/ru-ids/package.json libs/ru-ids/
RUN pnpm install --frozen-lockfile --ignore-scripts
COPY tsconfig.base.json ./
COPY libs libs
COPY openapi openapi
COPY apps/web apps/web
RUN pnpm --filter @polar/web run build

FROM nginx:1.27-alpine AS runtime
COPY docker/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /src/apps/web/dist /usr/share/nginx/html
EXPOSE 80
