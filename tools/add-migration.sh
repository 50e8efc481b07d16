#!/usr/bin/env bash
# Adds an EF Core migration to migrations/ (the app's migrations folder, SPEC §2) for both database providers:
# SQLite (PortalDbContext, migrations/) and PostgreSQL (PostgresPortalDbContext, migrations/Postgres/).
# Every model change needs both sets, or the app on the other provider starts with a schema its model does not match.
# dotnet-ef writes a model snapshot under Portal/Portal/Migrations; this moves it next to its migrations.
# Usage: bash tools/add-migration.sh NAME
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/Portal"
dotnet tool restore >/dev/null

add() { # context, output dir (relative to Portal/), namespace
  dotnet ef migrations add "$NAME" --context "$1" --output-dir "$2" --namespace "$3"
  local snapshot
  snapshot=$(find Portal -name "$1ModelSnapshot.cs" 2>/dev/null | head -n 1)
  if [[ -n $snapshot ]]; then
    mv "$snapshot" "$2/$1ModelSnapshot.cs"
  fi
  rm -rf Portal
}

NAME=$1
add PortalDbContext ../migrations Portal.Migrations
add PostgresPortalDbContext ../migrations/Postgres Portal.Migrations.Postgres
