// Progressive enhancement only: a "Copy" button under each formatted reference. The page works without it.
document.querySelectorAll(".reference blockquote").forEach((quote) => {
  if (!navigator.clipboard) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "copy";
  button.textContent = "Copy";
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(quote.innerText.trim()).then(
      () => { button.textContent = "Copied"; },
      () => { button.textContent = "Copy failed"; });
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
