#!/usr/bin/env bash
# Refresh the GraphiQL assets the hub serves itself (hub/server/static/graphiql/), so the
# explorer works on a closed network: pinned versions packed from the npm registry with
# `npm pack`, each file with its package's licence. Change a version here, run this,
# review the diff (VERSIONS lists what was taken, with sha256 sums) and commit.
#
# GraphiQL 3 is the last major release with a self-contained browser build (UMD);
# these are the versions strawberry-graphql's own page loads from a CDN.
set -euo pipefail
cd "$(dirname "$0")/.."

target=hub/server/static/graphiql
# package@version  files to take (path in the package -> name in $target)
assets=(
  "react@18.2.0 umd/react.production.min.js=react.production.min.js"
  "react-dom@18.2.0 umd/react-dom.production.min.js=react-dom.production.min.js"
  "graphiql@3.8.3 graphiql.min.js=graphiql.min.js graphiql.min.css=graphiql.min.css"
  "@graphiql/plugin-explorer@1.0.2 dist/index.umd.js=plugin-explorer.umd.js dist/style.css=plugin-explorer.css"
  # Bundled inside the explorer plugin; taken for its licence only.
  "graphiql-explorer@0.9.0"
)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$target/licenses"
rm -f "$target"/*.js "$target"/*.css "$target"/licenses/*
: > "$work/VERSIONS"

for entry in "${assets[@]}"; do
  read -r spec files <<< "$entry"
  name=${spec%@*}
  version=${spec##*@}
  tarball=$(cd "$work" && npm pack --silent "$spec")
  unpacked="$work/${tarball%.tgz}"
  mkdir -p "$unpacked"
  tar xzf "$work/$tarball" -C "$unpacked" --strip-components=1
  echo "$name $version $(npm view "$spec" dist.tarball)" >> "$work/VERSIONS"
  for pair in $files; do
    cp "$unpacked/${pair%%=*}" "$target/${pair##*=}"
  done
  safe=${name//\//-}
  safe=${safe#@}
  licence=$(find "$unpacked" -maxdepth 1 -iname 'licen[cs]e*' | head -n 1)
  if [ -n "$licence" ]; then
    cp "$licence" "$target/licenses/$safe.LICENSE"
  else
    # The package ships no licence file: record what its package.json declares.
    node -e 'const p = require(process.argv[1]);
      console.log(`${p.name} ${p.version}: licence "${p.license}" (package.json; no licence file in the package).`);
      console.log(`Source: ${p.repository && (p.repository.url || p.repository)}`);' \
      "$unpacked/package.json" > "$target/licenses/$safe.LICENSE"
  fi
done

{
  echo "# Assets in this folder: package, version, tarball; then sha256 of each file."
  cat "$work/VERSIONS"
  (cd "$target" && sha256sum -- *.js *.css)
} > "$target/VERSIONS"
echo "Refreshed $target:"
cat "$target/VERSIONS"
