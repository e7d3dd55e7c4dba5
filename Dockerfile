# Worker image: builds the TypeScript sources, then runs `ductape-temporal worker` on production
# dependencies only. Configuration is mounted at DUCTAPE_CONFIG_DIR (see docker-compose.yml).

FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
CMD ["node", "dist/src/cli/main.js", "worker"]
