# OneWindow 一窗通办: the server and the web app built once, run as a non-root user.
#   docker build -t onewindow .
# Build stage: npm packages (better-sqlite3 compiles here, where the toolchain is) and the web app.
FROM node:20-bookworm AS build
WORKDIR /app
ENV PUPPETEER_SKIP_DOWNLOAD=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY modeler/package.json modeler/package-lock.json modeler/
RUN npm ci --prefix modeler --no-audit --no-fund
COPY . .
RUN npm run build --prefix modeler && rm -rf modeler/node_modules

# Runtime: Debian's Chromium and CJK fonts render the documents; nothing is installed at start.
# The server runs its TypeScript through tsx (kept with the build's node_modules).
FROM node:20-bookworm-slim AS runtime
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium fonts-noto-cjk ca-certificates \
  && rm -rf /var/lib/apt/lists/* \
  && groupadd --system --gid 10001 onewindow \
  && useradd --system --uid 10001 --gid onewindow --home-dir /app --shell /usr/sbin/nologin onewindow
WORKDIR /app
COPY --from=build --chown=root:root /app /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 CHROMIUM_PATH=/usr/bin/chromium
USER onewindow
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=6s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "server/src/main.ts"]
