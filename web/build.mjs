// Bundles the browser app into the web module's jar resources (webroot/), which the server serves.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";

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
copyFileSync("src/app.css", `${out}/assets/app.css`);
console.log(`built ${out}`);
