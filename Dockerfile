# One image for every weft service; the container's command picks the service. Node 22 LTS,
# pinned to an exact release.
FROM node:22.22.2-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY cli cli
COPY bench bench
RUN npm run build && npm prune --omit=dev

FROM node:22.22.2-bookworm-slim
ENV NODE_ENV=production
# Services bind to loopback by default; in a container they answer on every interface.
ENV WEFT_HTTP_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY bin bin
COPY scenarios scenarios
# Reports of `weft run` (a volume in docker-compose.yml), writable by the service user.
RUN mkdir -p /app/out && chown node:node /app/out
USER node
EXPOSE 3000
CMD ["node", "dist/apps/monitor/src/main.js"]
