"""`/docs`: the API reference as one static HTML page written from the OpenAPI schema, with no script at all.

FastAPI's own /docs page loads Swagger UI from a CDN and runs an inline script: it breaks offline (a Kaggle
notebook, a locked-down host) and needs a loose Content-Security-Policy. This page is plain HTML built on the
server from `app.openapi()` (every value escaped), so `DOCS_POLICY` can forbid every script and every load except
its own inline stylesheet, pinned by hash. `/openapi.json` stays for tools that want the machine-readable form.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json

DOCS_CSS = """
body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: #222; background: #fafafa; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem; }
section { background: #fff; border: 1px solid #ddd; border-radius: 4px; padding: .5rem 1rem; margin: 1rem 0; }
code, pre { font: 13px ui-monospace, monospace; } pre { white-space: pre-wrap; background: #f3f3f3; padding: .5rem; }
.method { font-weight: bold; text-transform: uppercase; margin-right: .5rem; }
table { border-collapse: collapse; } td, th { text-align: left; padding: .2rem .6rem .2rem 0; vertical-align: top; }
"""


def _style_hash(css: str) -> str:
    """The CSP source that allows exactly this inline stylesheet (CSP level 2 hash)."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii") + "'"


# No script, no fetch, no image, no frame: the page is text and one stylesheet.
DOCS_POLICY = (f"default-src 'none'; style-src {_style_hash(DOCS_CSS)}; base-uri 'none'; form-action 'none'; "
               "frame-ancestors 'none'")

METHODS = ("get", "post", "put", "patch", "delete")


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _type_of(schema: dict) -> str:
    """A short human form of a JSON schema's type: `string`, `array of ChoiceResponse`, `number or null`."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_type_of(option) for option in schema["anyOf"])
    if schema.get("type") == "array":
        return "array of " + _type_of(schema.get("items", {}))
    return str(schema.get("type", "any"))


def _limits(schema: dict) -> str:
    """Constraints worth telling a caller (length bounds, minimum/maximum)."""
    names = ("minLength", "maxLength", "minimum", "maximum")
    return ", ".join(f"{name} {schema[name]}" for name in names if name in schema)


def _schema_table(name: str, schema: dict) -> str:
    required = set(schema.get("required", ()))
    rows = "".join(
        f"<tr><td><code>{_e(field)}</code>{' (required)' if field in required else ''}</td>"
        f"<td>{_e(_type_of(spec))}</td><td>{_e(_limits(spec))}</td><td>{_e(spec.get('description', ''))}</td></tr>"
        for field, spec in schema.get("properties", {}).items())
    examples = "".join(f"<p>Example:</p><pre>{_e(json.dumps(example))}</pre>" for example in schema.get("examples", ()))
    return (f'<section id="schema-{_e(name)}"><h3>{_e(name)}</h3><p>{_e(schema.get("description", ""))}</p>'
            f"<table><tr><th>field</th><th>type</th><th>limits</th><th>meaning</th></tr>{rows}</table>"
            f"{examples}</section>")


def _operation(path: str, method: str, operation: dict) -> str:
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    parts = [f'<section><h3><span class="method">{_e(method)}</span><code>{_e(path)}</code></h3>',
             f"<p><strong>{_e(operation.get('summary', ''))}</strong></p>",
             f"<p>{_e(operation.get('description', ''))}</p>"]
    if body is not None:
        parts.append(f"<p>JSON body: <code>{_e(_type_of(body))}</code></p>")
        example = next(iter(operation.get("requestBody", {}).get("content", {}).get("application/json", {})
                            .get("examples", {}).values()), None)
        if example is not None:
            parts.append(f"<pre>{_e(json.dumps(example.get('value', example)))}</pre>")
    answers = "".join(
        f"<tr><td>{_e(code)}</td><td>{_e(answer.get('description', ''))}</td>"
        f"<td>{_e(_type_of(answer.get('content', {}).get('application/json', {}).get('schema', {})))}</td></tr>"
        for code, answer in operation.get("responses", {}).items())
    parts.append(f"<table><tr><th>status</th><th>meaning</th><th>body</th></tr>{answers}</table></section>")
    return "".join(parts)


def render_docs(schema: dict) -> str:
    """The reference page for an OpenAPI schema: each operation, its answers, then each body schema."""
    info = schema.get("info", {})
    operations = "".join(_operation(path, method, item[method])
                         for path, item in schema.get("paths", {}).items() for method in METHODS if method in item)
    schemas = "".join(_schema_table(name, spec)
                      for name, spec in schema.get("components", {}).get("schemas", {}).items())
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{_e(info.get("title", "API"))} '
            f"API</title><style>{DOCS_CSS}</style></head><body><main>"
            f"<h1>{_e(info.get('title', 'API'))} {_e(info.get('version', ''))}</h1>"
            f"<p>{_e(info.get('description', ''))}</p>"
            '<p>Machine-readable: <a href="openapi.json">openapi.json</a> · <a href="./">demo page</a></p>'
            f"<h2>Operations</h2>{operations}<h2>Bodies</h2>{schemas}</main></body></html>")
