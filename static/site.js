// Progressive enhancement only: a "Copy" button under each formatted reference. The page works without it.
// Its words are the page's own, in the site's language: the references' section carries them (data-copy…), and
// a page without them (a site's template from before) gets no button.
document.querySelectorAll(".reference blockquote").forEach((quote) => {
  const words = quote.closest("[data-copy]")?.dataset;
  if (!navigator.clipboard || !words) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "copy";
  button.textContent = words.copy;
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(quote.innerText.trim()).then(
      () => { button.textContent = words.copied; },
      () => { button.textContent = words.copyFailed; });
  });
  quote.after(button);
});

// "/" moves to the search box (the search page's own, else the header's), unless the reader is typing somewhere.
document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
  const target = event.target;
  if (target instanceof Element && (target.closest("input, textarea, select") || target.isContentEditable)) return;
  const box = document.getElementById("search-q") || document.getElementById("site-search");
  if (!box) return;
  event.preventDefault();
  box.focus();
  box.select();
});
