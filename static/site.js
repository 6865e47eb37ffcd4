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
