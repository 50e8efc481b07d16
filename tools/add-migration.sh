#!/usr/bin/env bash
# Adds an EF Core migration to migrations/ (the app's migrations folder, SPEC §2).
# dotnet-ef writes the model snapshot under Portal/Portal/Migrations; this moves it next to the migrations.
# Usage: bash tools/add-migration.sh NAME
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/Portal"
dotnet tool restore >/dev/null
dotnet ef migrations add "$1" --output-dir ../migrations --namespace Portal.Migrations
if [ -f Portal/Migrations/PortalDbContextModelSnapshot.cs ]; then
  mv Portal/Migrations/PortalDbContextModelSnapshot.cs ../migrations/PortalDbContextModelSnapshot.cs
  rm -rf Portal
fi
