# syntax=docker/dockerfile:1
# One image recipe for every service and the worker. Build from the repository root:
#   docker build --build-arg APP=intake --build-arg PORT=3001 -t huiying/intake .
#   APP:  intake | routing | assessment | publication | ledger | worker
#   PORT: the app's HTTP port (intake 3001, routing 3002, assessment 3003, publication 3004, ledger 3005, worker 3006 —
#         the worker's is its health and metrics port); the HEALTHCHECK probes /health on it.
# Every project compiles with `tsc -b` into its own dist/; libs are npm workspace packages @huiying/<lib>. Every image can
# also run the database migration (`npm run db:migrate` -> libs/persistence/dist/migrate.js): the migrate service in
# docker-compose.yml and the Job in deploy/k8s use the intake image. Unless WORKFLOW_BUNDLE_PATH points at a prebuilt
# bundle, the worker bundles the workflow sources at start-up with the aliases of tsconfig.base.json: so the runtime
# keeps tsconfig.base.json, workflows/ and libs/ with their sources.

# --- the workspace manifests only, so that `npm ci` below stays cached until a dependency changes
FROM node:20-bookworm-slim AS manifests
WORKDIR /src
COPY apps ./apps
COPY libs ./libs
COPY workflows ./workflows
RUN for f in apps/*/package.json libs/*/package.json workflows/package.json; do \
      mkdir -p "/manifests/$(dirname "$f")" && cp "$f" "/manifests/$f"; \
    done

# --- install, compile, drop dev dependencies
FROM node:20-bookworm-slim AS build
ARG APP
RUN test -n "$APP" || (echo 'build with --build-arg APP=<intake|routing|assessment|publication|ledger|worker>' >&2; exit 1)
WORKDIR /app
ENV NX_DAEMON=false
COPY package.json package-lock.json ./
COPY --from=manifests /manifests/ ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY libs ./libs
COPY workflows ./workflows
COPY apps/${APP} ./apps/${APP}
# tsc -b follows the app's project references, so the libs it imports are compiled too
RUN npx tsc -b apps/${APP}/tsconfig.build.json libs/persistence/tsconfig.build.json \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime
FROM node:20-bookworm-slim
ARG APP
ARG PORT
WORKDIR /app
ENV NODE_ENV=production APP=${APP} HEALTH_PORT=${PORT}
COPY --from=build --chown=node:node /app/package.json /app/tsconfig.base.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/libs ./libs
COPY --from=build --chown=node:node /app/workflows ./workflows
COPY --from=build --chown=node:node /app/apps/${APP} ./apps/${APP}
USER node
# gRPC (intake 50051, ledger 50052) is published by docker-compose.yml and the k8s Services
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.HEALTH_PORT + '/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# exec: node replaces the shell, so SIGTERM reaches it (graceful shutdown)
CMD exec node "apps/$APP/dist/main.js"
