#!/bin/sh
# Container entrypoint.
#   serve (default)      apply pending migrations, then run the service (exec: it receives SIGTERM directly)
#   cli <command> [...]  run a CLI command, e.g. `docker compose run --rm app cli users:create --username …`
#   anything else        executed as given (a shell for debugging: `docker compose run --rm app sh`)
set -eu
cd /app

case "${1:-serve}" in
  serve)
    # The service also migrates at start-up under an advisory lock; doing it here first makes a failing migration
    # stop the container with a clear message before the HTTP server exists (and health checks never see a
    # half-started service).
    node dist/src/cli.js migration:run
    exec node dist/src/main.js
    ;;
  cli)
    shift
    exec node dist/src/cli.js "$@"
    ;;
  *)
    exec "$@"
    ;;
esac
