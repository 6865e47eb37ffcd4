// A list's download (an author's articles as one BibTeX, RIS or CSL-JSON file), joined in the browser from the
// articles' own files that the site already holds, exactly as the build joins the collection's and a topic's.
// Progressive enhancement: without JavaScript, or opened from disk (where pages may not fetch files), the
// section's links to each article's own files are the download.
"use strict";

const LABELS = { bibtex: "BibTeX", ris: "RIS", "csl-json": "CSL-JSON" };
const TYPES = { bibtex: "text/plain", ris: "text/plain", "csl-json": "application/json" };
const AT_ONCE = 6;  // requests in flight: a long list loads quickly without flooding the server

// An article's own file without its abstract, as a list gives each article (cite/exports.py): in BibTeX the
// abstract is the entry's last field, in RIS one line.
function withoutAbstract(format, text) {
  if (format === "bibtex") {
    const at = text.indexOf("\n  abstract = {");
    return at < 0 ? text : text.slice(0, at) + "\n}\n";
  }
  return format === "ris" ? text.replace(/^AB {2}- .*\n/gm, "") : text;
}

// One file of every article's file in `texts` (each as the site wrote it), as cite/exports.py's export_file
// joins the pieces of a list: BibTeX and RIS one after another, CSL-JSON the items of each array in one array
// (one item a line), each without its abstract.
function joinExports(format, texts) {
  if (format !== "csl-json") return texts.map((text) => withoutAbstract(format, text)).join("\n");
  const items = texts.map((text) => JSON.parse(text).map((item) => {
    delete item.abstract;
    return JSON.stringify(item);
  }).join(",\n")).filter((item) => item !== "");
  return items.length ? "[\n" + items.join(",\n") + "\n]\n" : "[]\n";
}

async function fetchAll(hrefs) {
  const texts = new Array(hrefs.length);
  let next = 0;
  async function worker() {
    while (next < hrefs.length) {
      const index = next++;
      const response = await fetch(hrefs[index]);
      if (!response.ok) throw new Error(`${hrefs[index]}: ${response.status}`);
      texts[index] = await response.text();
    }
  }
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, hrefs.length) }, worker));
  return texts;
}

function save(text, name, type) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
}

// The page's words for a button's state (data-preparing, data-failed: in the site's language), with the format.
function words(section, state, format) {
  const text = section.dataset[state] || `{format}: ${state}`;
  return text.replace("{format}", LABELS[format]);
}

function offer(section) {
  const list = document.createElement("ul");
  list.className = "inline joined";
  for (const format of Object.keys(LABELS)) {
    const links = Array.from(section.querySelectorAll(`a[data-format="${format}"]`));
    if (!links.length) continue;
    const extension = links[0].textContent.slice(links[0].textContent.lastIndexOf("."));
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = LABELS[format];
    button.dataset.format = format;
    button.addEventListener("click", async () => {
      button.disabled = true;
      button.textContent = words(section, "preparing", format);
      try {
        const texts = await fetchAll(links.map((link) => link.href));
        save(joinExports(format, texts), section.dataset.joined + extension, TYPES[format]);
        button.textContent = LABELS[format];
      } catch (error) {
        button.textContent = words(section, "failed", format);
      } finally {
        button.disabled = false;
      }
    });
    const item = document.createElement("li");
    item.append(button);
    list.append(item);
  }
  section.querySelector("details").before(list);
}

if (typeof document !== "undefined" && /^https?:$/.test(location.protocol) && typeof fetch === "function") {
  document.querySelectorAll("section[data-joined]").forEach(offer);
}

if (typeof module !== "undefined") module.exports = { joinExports };
