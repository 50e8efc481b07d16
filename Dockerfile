# Portal in a container: one node. Several nodes need PostgreSQL and Redis (deploy/docker-compose.yml, deploy/kubernetes/).
#   docker build -t portal .
#   docker run -p 8080:8080 -v portal-data:/app/data -e Portal__Bootstrap__AdminPassword=… portal
# Settings are the app's configuration keys as environment variables (Portal__Database__Provider, ConnectionStrings__Portal,
# Portal__Redis, Portal__ReverseProxy__TrustedProxies__0, …); deploy/README.md lists them.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project and the central package versions only, so a change of code reuses the restored packages.
# global.json stays out: this image's SDK is the pin here.
COPY Directory.Build.props Directory.Packages.props ./
COPY Portal/Portal.csproj Portal/
RUN dotnet restore Portal/Portal.csproj
# What the app is built and published from: its code, the migrations compiled into it, the root appsettings.json and
# wwwroot/ (the widget's built files are committed there, so no Node.js stage is needed).
COPY appsettings.json ./
COPY wwwroot/ wwwroot/
COPY migrations/ migrations/
COPY Portal/ Portal/
RUN dotnet publish Portal/Portal.csproj -c Release -o /out --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
# The app's files belong to root and are read-only to the app; only the data directory is its own.
COPY --from=build /out ./
# The data directory (Portal:DataDirectory, "data" under the content root /app): the SQLite database and Hangfire storage
# on one node, the Data Protection keys without Redis, and the bot's trained models on every node.
RUN mkdir /app/data && chown "$APP_UID" /app/data
VOLUME /app/data
# The image's non-root user (uid 1654, "app").
USER $APP_UID
# appsettings.json sets Urls to localhost:5080 for `dotnet run`, and appsettings.json outranks ASPNETCORE_-prefixed
# variables, so ASPNETCORE_URLS would be ignored: the unprefixed Urls outranks the file. The image's
# ASPNETCORE_HTTP_PORTS is emptied so Kestrel does not warn that Urls overrides it.
# GC settings are the app's own (Portal.runtimeconfig.json); the runtime sizes its heap from the container's memory limit.
ENV Urls=http://+:8080 \
    ASPNETCORE_HTTP_PORTS=
EXPOSE 8080
# The image has no curl or wget; bash asks /healthz itself and passes only on "200". Liveness, not readiness: Docker
# (or Swarm, which restarts unhealthy containers) must not restart every node while PostgreSQL or Redis is away.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Portal.dll"]
