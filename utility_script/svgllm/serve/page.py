"""The demo page: static HTML, CSS and JS. No request data is ever written into them on the server.

The browser script sends the description to `/predict` and shows the answer as an image
(`<img src="data:image/svg+xml;base64,...">`): an SVG inside `<img>` cannot run scripts or load anything,
and the SVG source is shown with `textContent`, never parsed as HTML. A strict Content-Security-Policy
(scripts and styles only from this server, images only from data: URLs) backs both up.
`/?description=...` fills the form and submits it on load (handy for links and for headless browser tests).
"""
from __future__ import annotations

from ..limits import MAX_DESCRIPTION_CHARS

SCRIPT_PATH = "/assets/page.js"
STYLE_PATH = "/assets/page.css"

# The page's Content-Security-Policy (the other security headers are the same on every response: headers.py).
# `connect-src 'self'` lets the script reach /predict and nothing else.
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src data:; connect-src 'self'; "
               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")

PAGE_HTML = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>svgllm: text to SVG</title>
<link rel="stylesheet" href="{STYLE_PATH.lstrip('/')}">
<script src="{SCRIPT_PATH.lstrip('/')}" defer></script>
</head>
<body data-state="idle">
<main>
<h1>svgllm</h1>
<p>Describe a scene in at most {MAX_DESCRIPTION_CHARS} characters; the model draws it as an SVG.</p>
<form id="form" autocomplete="off">
<label for="description">Description</label>
<input id="description" name="description" type="text" required minlength="1" maxlength="{MAX_DESCRIPTION_CHARS}"
 placeholder="a teal spruce woodland at twilight">
<button id="draw" type="submit">Draw</button>
</form>
<p id="status" role="status" aria-live="polite"></p>
<figure>
<img id="result" width="384" height="384" alt="" hidden>
</figure>
<details>
<summary>SVG source</summary>
<pre id="source"></pre>
</details>
<p class="links"><a href="docs">API documentation</a> · <a href="health">health</a></p>
</main>
</body>
</html>
"""

PAGE_CSS = """
body { margin: 0; font: 16px/1.4 system-ui, sans-serif; background: #fafafa; color: #222; }
main { max-width: 44rem; margin: 0 auto; padding: 1rem; }
form { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
input { flex: 1; min-width: 16rem; padding: .4rem; font: inherit; }
button { padding: .4rem 1rem; font: inherit; }
#status.error { color: #b00020; font-weight: bold; }
figure { margin: 1rem 0; }
#result { border: 1px solid #ccc; background: #fff; }
pre { white-space: pre-wrap; word-break: break-all; font-size: 12px; background: #fff; padding: .5rem; }
.links { font-size: 14px; }
"""

PAGE_JS = """\
"use strict";
(function () {
  const form = document.getElementById("form");
  const input = document.getElementById("description");
  const button = document.getElementById("draw");
  const status = document.getElementById("status");
  const image = document.getElementById("result");
  const source = document.getElementById("source");

  // UTF-8 bytes -> base64: btoa alone only accepts Latin-1 text.
  function svgDataUrl(svg) {
    const bytes = new TextEncoder().encode(svg);
    let binary = "";
    for (let i = 0; i < bytes.length; i += 1) {
      binary += String.fromCharCode(bytes[i]);
    }
    return "data:image/svg+xml;base64," + btoa(binary);
  }

  function show(text, state) {
    status.textContent = text;  // text only: nothing from the server or the user is parsed as HTML
    status.className = state === "error" ? "error" : "";
    document.body.dataset.state = state;
  }

  function errorText(response, body) {
    if (body && typeof body.detail === "string") {
      return "Error " + response.status + ": " + body.detail;
    }
    return "Error " + response.status + " from the server.";
  }

  async function draw(description) {
    button.disabled = true;
    show("Drawing\\u2026", "busy");
    try {
      const response = await fetch("predict", {
        method: "POST",
        headers: {"Content-Type": "application/json"},
        body: JSON.stringify({description: description}),
      });
      let body = null;
      try {
        body = await response.json();
      } catch (ignored) {
        body = null;
      }
      if (!response.ok) {
        show(errorText(response, body), "error");
        return;
      }
      if (!body || typeof body.svg !== "string") {
        show("The server sent an unexpected answer.", "error");
        return;
      }
      image.src = svgDataUrl(body.svg);
      image.alt = "Drawing of: " + description;
      image.hidden = false;
      source.textContent = body.svg;
      show("Drawn by " + body.backend + " in " + Math.round(body.ms) + " ms.", "done");
    } catch (error) {
      show("Could not reach the server: " + error, "error");
    } finally {
      button.disabled = false;
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    draw(input.value);
  });

  const initial = new URLSearchParams(window.location.search).get("description");
  if (initial !== null) {
    input.value = initial;
    draw(initial);
  }
})();
"""
