import crypto from "node:crypto";
import type { OpenApiDocument } from "./openapi";

/**
 * The OpenAPI document as a page a person can read: plain server-rendered HTML with its own small style sheet,
 * no script and nothing fetched from elsewhere (the hospital network may have no internet). Every piece of text
 * from the document is escaped.
 */

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#212b32;background:#f0f4f5;margin:0;line-height:1.5}
header{background:#005eb8;color:#fff;padding:1rem 1.5rem}header h1{margin:0;font-size:1.6rem}header p{margin:.25rem 0 0}
header a{color:#fff}
main{max-width:70rem;margin:0 auto;padding:1rem 1.5rem 3rem}
nav ul{padding-left:1.25rem}a{color:#003087}
section.path{background:#fff;border-radius:.5rem;padding:1rem 1.25rem;margin:1.25rem 0;box-shadow:0 1px 2px rgba(0,0,0,.15)}
h2{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.25rem;margin:.25rem 0 .5rem;word-break:break-all}
h3{font-size:1.1rem;margin:1.25rem 0 .25rem}h4{font-size:1rem;margin:1rem 0 .25rem}
.method{display:inline-block;min-width:3.5rem;text-align:center;border-radius:.25rem;padding:0 .4rem;margin-right:.5rem;color:#fff;font-family:ui-monospace,Menlo,Consolas,monospace}
.get{background:#005eb8}.post{background:#007f3b}.other{background:#425563}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.875rem}
pre{background:#f8f8f8;border:1px solid #d8dde0;border-radius:.25rem;padding:.75rem;overflow:auto;max-height:28rem}
table{border-collapse:collapse;width:100%;margin:.25rem 0}th,td{border:1px solid #d8dde0;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#e8edee}td code{overflow-wrap:anywhere}
summary{cursor:pointer;font-weight:600;margin:.5rem 0}
.access{border-left:4px solid #005eb8;background:#eef5fb;padding:.35rem .6rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`.trim();

/** The page's Content-Security-Policy: its one style sheet by hash, nothing else at all. */
export const DOCS_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${crypto.createHash("sha256").update(STYLE).digest("base64")}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${inlineCode(p)}</p>`)
    .join("\n");
}

/** `code` in the document's Markdown as <code>, everything escaped. */
function inlineCode(text: string): string {
  return text
    .split("`")
    .map((part, i) => (i % 2 === 1 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part)))
    .join("");
}

function jsonBlock(label: string, value: unknown): string {
  // Focusable, so a keyboard user can scroll a long schema; labelled for screen readers.
  return `<pre role="region" tabindex="0" aria-label="${escapeHtml(label)}">${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
}

const anchorOf = (path: string) => `path-${path.replace(/[^a-zA-Z0-9]+/g, "-").replace(/^-|-$/g, "")}`;

interface OperationView {
  operationId?: string;
  summary?: string;
  description?: string;
  "x-access"?: string;
  "x-event-data"?: Record<string, unknown>;
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema?: unknown; example?: unknown }> };
  responses?: Record<string, { $ref?: string; description?: string; content?: Record<string, { schema?: unknown }>; headers?: Record<string, { description?: string }> }>;
}

function renderOperation(doc: OpenApiDocument, path: string, method: string, op: OperationView): string {
  const title = `${method.toUpperCase()} ${path}`;
  const out: string[] = [];
  out.push(`<h3><span class="method ${method === "get" || method === "post" ? method : "other"}">${escapeHtml(method.toUpperCase())}</span>${escapeHtml(op.summary ?? "")}</h3>`);
  if (op.description) out.push(paragraphs(op.description));
  out.push(`<p class="access"><strong>Auth:</strong> ${escapeHtml(op["x-access"] ?? "")}${op.security?.length === 0 ? "" : " Send a personal API token (<code>Authorization: Bearer …</code>) or use the browser session."}</p>`);

  if (op.parameters?.length) {
    out.push(`<h4>Parameters</h4><table><caption class="visually-hidden">Parameters of ${escapeHtml(title)}</caption><thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Required</th><th scope="col">Schema</th></tr></thead><tbody>`);
    for (const p of op.parameters) {
      out.push(
        `<tr><td><code>${escapeHtml(p.name)}</code>${p.description ? `<br>${escapeHtml(p.description)}` : ""}</td><td>${escapeHtml(p.in)}</td><td>${p.required ? "yes" : "no"}</td><td><code>${escapeHtml(JSON.stringify(p.schema))}</code></td></tr>`,
      );
    }
    out.push("</tbody></table>");
  }

  const body = op.requestBody?.content["application/json"];
  if (body) {
    out.push(`<h4>Request body (application/json)</h4>`);
    out.push(jsonBlock(`Request body schema of ${title}`, body.schema));
    if (body.example !== undefined) out.push(`<details><summary>Example request body</summary>${jsonBlock(`Example request body of ${title}`, body.example)}</details>`);
  }
  if (op["x-event-data"]) {
    out.push(`<details><summary>The <code>data</code> of each event type</summary>`);
    for (const [type, schema] of Object.entries(op["x-event-data"])) out.push(`<h5><code>${escapeHtml(type)}</code></h5>${jsonBlock(`data of a ${type} event`, schema)}`);
    out.push(`</details>`);
  }

  out.push(`<h4>Responses</h4><table><caption class="visually-hidden">Responses of ${escapeHtml(title)}</caption><thead><tr><th scope="col">Status</th><th scope="col">Meaning</th></tr></thead><tbody>`);
  const schemas: string[] = [];
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    const resolved = response.$ref ? (doc.components.responses as Record<string, { description?: string }>)[response.$ref.split("/").pop() as string] : response;
    const headers = Object.entries(response.headers ?? {})
      .map(([name, h]) => ` Header <code>${escapeHtml(name)}</code>: ${escapeHtml(h.description ?? "")}.`)
      .join("");
    out.push(`<tr><td><strong>${escapeHtml(status)}</strong></td><td>${inlineCode(resolved?.description ?? "")}${headers}${response.$ref ? ' (body: <a href="#error-format">Error</a>)' : ""}</td></tr>`);
    const schema = response.content?.["application/json"]?.schema;
    if (schema) schemas.push(`<details><summary>${escapeHtml(status)} response schema</summary>${jsonBlock(`${status} response schema of ${title}`, schema)}</details>`);
  }
  out.push("</tbody></table>", ...schemas);
  return out.join("\n");
}

export function renderDocsPage(doc: OpenApiDocument): string {
  const paths = Object.entries(doc.paths);
  const sections = paths.map(([path, methods]) => {
    const operations = Object.entries(methods).map(([method, op]) => renderOperation(doc, path, method, op as OperationView));
    return `<section class="path" id="${anchorOf(path)}" aria-labelledby="${anchorOf(path)}-heading"><h2 id="${anchorOf(path)}-heading">${escapeHtml(path)}</h2>\n${operations.join("\n")}</section>`;
  });
  const contents = paths
    .map(([path, methods]) => `<li><a href="#${anchorOf(path)}"><code>${escapeHtml(path)}</code></a> ${escapeHtml(Object.keys(methods).map((m) => m.toUpperCase()).join(", "))}</li>`)
    .join("\n");
  const schemes = Object.entries(doc.components.securitySchemes)
    .map(([name, s]) => `<li><strong>${escapeHtml(name)}</strong>: ${inlineCode(s.description)}</li>`)
    .join("\n");

  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(doc.info.title)} · version ${escapeHtml(doc.info.version)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(doc.info.title)}</h1><p>Version ${escapeHtml(doc.info.version)} · OpenAPI ${escapeHtml(doc.openapi)} · <a href="/api/v1/openapi.json">the document as JSON</a></p></header>
<main id="main">
${paragraphs(doc.info.description)}
<h2 id="auth">Authentication</h2>
<ul>
${schemes}
</ul>
<nav aria-label="Paths"><h2 id="contents">Paths</h2><ul>
${contents}
</ul></nav>
${sections.join("\n")}
<section class="path" aria-labelledby="error-format"><h2 id="error-format">Error</h2>
<p>Every refusal has this body, with the HTTP status of its code.</p>
${jsonBlock("Error schema", doc.components.schemas.Error)}
</section>
</main>
</body>
</html>
`;
}
