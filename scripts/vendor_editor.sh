#!/bin/sh
# Refreshes the browser editor's vendored files in site_builder/editor/vendor/ from the npm
# registry: Decap CMS's prebuilt bundle (the decap-cms package's dist/, without source maps),
# and the YAML library the editor's file formats use (eemeli/yaml, bundled into one script).
#
# Update: change a version below, run `sh scripts/vendor_editor.sh`, then run the editor tests
# (`python -m pytest tests/test_editor*.py`) and commit the folder. README: "Editing in the
# browser".
set -eu
DECAP_CMS=3.16.3
DECAP_SERVER=3.11.3   # carries the decap-cms repository's LICENSE; the decap-cms package has none
YAML=2.9.1
ESBUILD=0.28.2

here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/site_builder/editor/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

npm pack --silent "decap-cms@$DECAP_CMS" "decap-server@$DECAP_SERVER" >/dev/null
mkdir cms server
tar xzf "decap-cms-$DECAP_CMS.tgz" -C cms
tar xzf "decap-server-$DECAP_SERVER.tgz" -C server

rm -rf "$out/decap-cms"
mkdir -p "$out/decap-cms"
cp cms/package/dist/decap-cms.js cms/package/dist/decap-cms.js.LICENSE.txt "$out/decap-cms/"
cp cms/package/dist/*.decap-cms.js cms/package/dist/*.wasm "$out/decap-cms/"
cp server/package/LICENSE "$out/decap-cms/LICENSE"

npm init -y >/dev/null
npm install --silent --no-audit --no-fund "yaml@$YAML" "esbuild@$ESBUILD"
printf 'import * as YAML from "yaml";\nwindow.YAML = YAML;\n' > entry.js
rm -rf "$out/yaml"
mkdir -p "$out/yaml"
npx esbuild entry.js --bundle --minify --format=iife --target=es2019 --legal-comments=none \
  --outfile="$out/yaml/yaml.js" --log-level=warning
cp node_modules/yaml/LICENSE "$out/yaml/LICENSE"

cat > "$out/VERSIONS" <<VERSIONS
decap-cms $DECAP_CMS (npm, dist/ without source maps)
yaml $YAML (npm, bundled with esbuild $ESBUILD as window.YAML)
VERSIONS
echo "vendored: decap-cms $DECAP_CMS, yaml $YAML -> $out"
