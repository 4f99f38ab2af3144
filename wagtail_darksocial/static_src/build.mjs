// Builds the served script from the readable source: `npm run build`.
//
//   node wagtail_darksocial/static_src/build.mjs           writes static/wagtail_darksocial/darksocial.js
//   node wagtail_darksocial/static_src/build.mjs --stdout  prints the build instead (the tests compare it)
//
// The build starts with the SHA-256 of the source, so a test without Node can tell that
// the committed build is out of date (tests/sharing/test_assets.py).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { transformSync } from "esbuild";

const sourcePath = new URL("darksocial.js", import.meta.url);
const builtPath = new URL("../static/wagtail_darksocial/darksocial.js", import.meta.url);

const source = readFileSync(sourcePath);
const sourceHash = createHash("sha256").update(source).digest("hex");
const { code } = transformSync(source.toString("utf8"), {
  loader: "js",
  minify: true,
  // What the source uses (optional chaining is the newest); browsers from 2020 on run it.
  target: "es2020",
  // Only the banner survives; the source's comments explain, the build is for browsers.
  legalComments: "none",
  banner: `/* darksocial.js ${sourceHash} */`,
});

if (process.argv.includes("--stdout")) process.stdout.write(code);
else writeFileSync(builtPath, code);
