# Lotbook sync server + built PWA. Used by docker-compose.yml (Postgres with pgvector beside it).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npx -y pnpm@12 install --frozen-lockfile && npx -y pnpm@12 --filter @lotbook/pwa build

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8787
WORKDIR /app
COPY --from=build /app /app
EXPOSE 8787
USER node
# A 64 MB young generation: short-lived pull answers die young under load (ARCHITECTURE.md, issue 17).
CMD ["node", "--max-semi-space-size=64", "--import", "tsx", "sync-server/src/main.ts"]
