# Polar CRM API — production image (multi-stage, runs as the unprivileged `node` user).
# Build from the repository root:  docker build -f docker/api.Dockerfile -t polar-api .
FROM node:20-bookworm-slim AS build
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH CI=true
RUN npm install -g pnpm@10.34.9
WORKDIR /src
# Dependencies first, for layer caching. argon2 compiles if no prebuilt binary fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY libs/access/package.json libs/access/
COPY libs/api-client/package.json libs/api-client/
COPY libs/business-time/package.json libs/business-time/
COPY libs/calendar/package.json libs/calendar/
COPY libs/money/package.json libs/money/
COPY libs/ru-ids/package.json libs/ru-ids/
RUN pnpm install --frozen-lockfile
COPY tsconfig.base.json ./
COPY libs libs
COPY apps/api apps/api
RUN pnpm --filter @polar/api... run build \
 && pnpm --filter @polar/api deploy --prod --legacy /out

FROM node:20-bookworm-slim AS runtime
# The API listens on loopback unless HOST says otherwise; in a container it must take
# connections from the other containers (nginx), so every interface.
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /out /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Migrations are a separate, explicit step: `node dist/scripts/migrate.js` (see compose.yaml).
CMD ["node", "dist/main.js"]
