// Bundles the browser app into the web module's jar resources (webroot/), which the server serves.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

const out = process.env.WEBROOT || "target/classes/webroot";
mkdirSync(`${out}/assets`, { recursive: true });
await build({
  entryPoints: ["src/main.js"],
  bundle: true,
  minify: true,
  sourcemap: true,
  format: "esm",
  target: "es2020",
  outfile: `${out}/assets/app.js`,
  loader: { ".css": "css" },
  logLevel: "warning",
});
copyFileSync("src/index.html", `${out}/index.html`);
// uPlot's own stylesheet (the Pipeline page's charts) goes first, so that ours can adjust it.
writeFileSync(`${out}/assets/app.css`, readFileSync("node_modules/uplot/dist/uPlot.min.css", "utf8") + "\n"
  + readFileSync("src/app.css", "utf8"));
console.log(`built ${out}`);
