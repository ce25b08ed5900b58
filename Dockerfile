# syntax=docker/dockerfile:1

# ---- build: compile TypeScript and the native better-sqlite3 module ---------------------------
FROM node:22-bookworm-slim AS build
WORKDIR /app

# better-sqlite3 builds from source when no prebuilt binary fits.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

COPY package.json package-lock.json ./
RUN npm ci

COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# tsc -p tsconfig.build.json → dist/, then drop the dev dependencies.
RUN npm run build && npm prune --omit=dev
# The chart draws with the regular and bold Noto Sans SC only; the package's other weights are 25 MB.
RUN rm -f node_modules/@embedpdf/fonts-sc/fonts/NotoSansHans-Light.otf \
    node_modules/@embedpdf/fonts-sc/fonts/NotoSansHans-DemiLight.otf \
    node_modules/@embedpdf/fonts-sc/fonts/NotoSansHans-Medium.otf

# ---- runtime ---------------------------------------------------------------------------------
FROM node:22-bookworm-slim AS runtime
WORKDIR /app

ENV NODE_ENV=production \
    MUSTER_DB_PATH=/data/muster.db \
    MUSTER_HTTP_PORT=8080

# The database lives on the /data volume, owned by the non-root user. /app/data points there
# too, so an empty MUSTER_DB_PATH (from `--env-file .env`) falls back to ./data/muster.db,
# which is the same file.
RUN mkdir -p /data \
  && chown node:node /data \
  && ln -s /data /app/data

# The same base image as the build stage, so the compiled native module matches.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# dist/db/client.js reads its migrations from ../../migrations, i.e. /app/migrations.
COPY migrations ./migrations

USER node
VOLUME /data
EXPOSE 8080

# No curl in slim images: ask node itself. MUSTER_HTTP_PORT=0 turns the endpoint off (and so
# this check fails).
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.MUSTER_HTTP_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

CMD ["node", "dist/app/main.js"]
