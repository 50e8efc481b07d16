// Builds the widget into ../wwwroot (committed; Portal serves it as static files):
//   widget.js                  the loader a shop embeds        (budget 5 KB gzipped)
//   widget/frame.html|js|css   the framed chat app             (budget 40 KB gzipped, JS + CSS)
// `node build.mjs --check` builds in memory and fails if the committed files differ
// or a budget is exceeded; CI runs it. The output depends only on the sources and
// the locked package versions, so the same sources always give the same bytes.
import * as esbuild from "esbuild";
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = path.dirname(fileURLToPath(import.meta.url));
const webRoot = path.resolve(here, "../wwwroot");
const checkOnly = process.argv.includes("--check");

const budgets = [
  { files: ["widget.js"], kb: 5 },
  { files: ["widget/frame.js", "widget/frame.css"], kb: 40 },
];

const common = {
  absWorkingDir: here,
  bundle: true,
  minify: true,
  target: "es2019",
  platform: "browser",
  write: false,
  logLevel: "warning",
};

async function build() {
  const signalr = JSON.parse(await readFile(path.join(here, "node_modules/@microsoft/signalr/package.json"), "utf8"));
  const [loader, frame, css, html] = await Promise.all([
    // ASCII only: the loader runs in the shop's page, whose encoding may not be UTF-8.
    esbuild.build({ ...common, entryPoints: ["src/loader/index.js"], format: "iife", outfile: "widget.js" }),
    esbuild.build({
      ...common,
      entryPoints: ["src/frame/index.js"],
      format: "iife",
      charset: "utf8",
      outfile: "frame.js",
      banner: {
        js: `/*! Portal chat. Includes @microsoft/signalr ${signalr.version}, MIT License, Copyright (c) .NET Foundation and Contributors. */`,
      },
    }),
    esbuild.build({ ...common, entryPoints: ["src/frame/frame.css"], charset: "utf8", outfile: "frame.css" }),
    readFile(path.join(here, "src/frame/frame.html"), "utf8"),
  ]);
  const frameJs = frame.outputFiles[0].contents;
  const frameCss = css.outputFiles[0].contents;
  // Versioned URLs, so Portal may cache frame.js and frame.css for as long as it likes.
  const page = html
    .replace('href="frame.css"', `href="frame.css?v=${shortHash(frameCss)}"`)
    .replace('src="frame.js"', `src="frame.js?v=${shortHash(frameJs)}"`);
  return new Map([
    ["widget.js", loader.outputFiles[0].contents],
    ["widget/frame.js", frameJs],
    ["widget/frame.css", frameCss],
    ["widget/frame.html", Buffer.from(page)],
  ]);
}

function shortHash(bytes) {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 12);
}

const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

async function readCommitted(name) {
  try {
    return await readFile(path.join(webRoot, name));
  } catch {
    return null;
  }
}

const outputs = await build();
let ok = true;

for (const [name, bytes] of outputs) {
  if (checkOnly) {
    const committed = await readCommitted(name);
    if (!committed || !Buffer.from(bytes).equals(committed)) {
      console.error(`wwwroot/${name} differs from a fresh build: run \`npm run build\` in Portal.Widget and commit it.`);
      ok = false;
    }
  } else {
    await mkdir(path.dirname(path.join(webRoot, name)), { recursive: true });
    await writeFile(path.join(webRoot, name), bytes);
  }
}

for (const budget of budgets) {
  const size = budget.files.reduce((sum, name) => sum + gzipped(outputs.get(name)), 0);
  const within = size <= budget.kb * 1024;
  console.log(`${budget.files.join(" + ")} ${kb(size)} gz (budget ${budget.kb} KB)${within ? "" : "  OVER BUDGET"}`);
  ok &&= within;
}

if (!ok) process.exitCode = 1;
else if (checkOnly) console.log("wwwroot matches the sources.");
