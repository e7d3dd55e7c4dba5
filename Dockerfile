# Worker image: builds the TypeScript sources, then runs `ductape-temporal worker` on production
# dependencies only. Configuration is mounted at DUCTAPE_CONFIG_DIR (see docker-compose.yml).

FROM node:20.20-bookworm-slim AS build
WORKDIR /app
# The sources are copied before `npm ci` because the package's `prepare` script compiles them
# during installation.
COPY . .
RUN npm ci
RUN npm run build
# Pruning here keeps native modules built by `npm ci` and avoids a second install, which would run
# `prepare` without TypeScript.
RUN npm prune --omit=dev

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
CMD ["node", "dist/src/cli/main.js", "worker"]
