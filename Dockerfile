# One image for the API and the built admin app (served by the API at /).
# Build stage: every dependency, the admin app and the API compiled to JavaScript (apps/api/dist).
FROM node:22-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@12.4.2
COPY pnpm-workspace.yaml pnpm-lock.yaml package.json ./
COPY apps/api/package.json apps/api/
COPY apps/admin/package.json apps/admin/
COPY packages/contracts/package.json packages/contracts/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm --filter @nsp/admin build && pnpm --filter @nsp/api build

# Runtime stage: the compiled API with production dependencies only (no tsx, TypeScript, vite, test tools).
FROM node:22-bookworm-slim
WORKDIR /app
RUN npm install -g pnpm@12.4.2
COPY pnpm-workspace.yaml pnpm-lock.yaml package.json ./
COPY apps/api/package.json apps/api/
COPY apps/admin/package.json apps/admin/
COPY packages/contracts/package.json packages/contracts/
# The API and what it imports at run time (@nsp/contracts is compiled into dist; its zod is the API's).
RUN pnpm install --frozen-lockfile --prod --filter @nsp/api... && npm uninstall -g pnpm && npm cache clean --force
COPY --from=build /app/apps/api/dist apps/api/dist
COPY --from=build /app/apps/admin/dist apps/admin/dist
# Found by the compiled server upwards from apps/api/dist.
COPY --from=build /app/migrations migrations
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 NSP_DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
WORKDIR /app/apps/api
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3000/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "--enable-source-maps", "dist/server.js"]
