// Facet counts and the timeline load in their own requests, so the results show first.
// The fragments are HTML the server rendered and escaped; nothing here is built from article data.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const target of document.querySelectorAll("[data-fragment]")) {
    fetch(target.dataset.fragment, { credentials: "same-origin" })
      .then((response) => response.text().then((html) => ({ ok: response.ok, html })))
      .then(({ ok, html }) => {
        target.innerHTML = ok ? html : "";
        target.classList.add("loaded");
      })
      .catch(() => target.classList.add("failed"));
  }
});
