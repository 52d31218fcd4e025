// A tiny static file server for the browser tests: serves one folder on
// 127.0.0.1 at a free port, answers "dir/" with "dir/index.html" (and
// redirects "dir" to "dir/"), as static hosts do. Nothing outside the folder
// is served. Standalone: `node tests/e2e/serve.mjs public` prints the URL.
import { createServer } from "node:http";
import { createReadStream, statSync } from "node:fs";
import { extname, join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

function stat(path) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

// Resolves to { url, requests, close } once listening; `requests` lists the
// paths asked for, in order.
export async function serve(folder) {
  const root = resolve(folder);
  const requests = [];
  const server = createServer((req, res) => {
    let path;
    let query;
    try {
      const url = new URL(req.url, "http://localhost");
      path = decodeURIComponent(url.pathname);
      query = url.search;
    } catch {
      res.writeHead(400).end();
      return;
    }
    requests.push(path);
    let file = resolve(root, "." + path);
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    let info = stat(file);
    if (info && info.isDirectory()) {
      if (!path.endsWith("/")) {
        res.writeHead(301, { Location: encodeURI(path + "/") + query }).end();
        return;
      }
      file = join(file, "index.html");
      info = stat(file);
    }
    let status = 200;
    if (!info || !info.isFile()) {
      status = 404;
      file = join(root, "404.html");
      info = stat(file);
      if (!info || !info.isFile()) {
        res.writeHead(404, { "Content-Type": TYPES[".txt"] }).end("not found\n");
        return;
      }
    }
    res.writeHead(status, {
      "Content-Type": TYPES[extname(file).toLowerCase()] || "application/octet-stream",
      "Content-Length": info.size,
      "Cache-Control": "no-cache",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", done);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close() {
      server.closeAllConnections();
      return new Promise((done) => server.close(done));
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const site = await serve(process.argv[2] || "public");
  console.log(`serving ${resolve(process.argv[2] || "public")} at ${site.url}/`);
}
