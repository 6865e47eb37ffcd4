// The search page: Pagefind's own script (pagefind/pagefind.js, written by every build that searches) driven by
// the page's form. The query, the facets, the sort and the page of results live in the URL, so a list of results
// can be bookmarked and shared, and reload and Back restore it. Every word shown comes from the page itself
// (the form's data-* attributes), so a translated template translates the search too. Nothing from the index or
// the URL is ever parsed as HTML: results are built from text nodes, and Pagefind's excerpts are split on its
// <mark> tags. Without JavaScript, or opened from a file, the page says what to do instead.
(() => {
  "use strict";
  const form = document.getElementById("search");
  if (!form) return;
  const byId = (id) => document.getElementById(id);
  const words = form.dataset;
  const lang = document.documentElement.lang || undefined;
  const plural = new Intl.PluralRules(lang);
  const number = new Intl.NumberFormat(lang);
  const PAGE_SIZE = 10;
  const PEOPLE_SHOWN = 6;
  const FACET_SHOWN = 8;
  const TYPING_MS = 60;
  const MAX_QUERY = Number(byId("search-q").maxLength) > 0 ? byId("search-q").maxLength : 200;
  const SORTS = { newest: { newest: "asc" }, oldest: { oldest: "asc" }, title: { title: "asc" } };
  const fieldsets = [...form.querySelectorAll("fieldset[data-facet]")];
  const FACETS = fieldsets.map((f) => f.dataset.facet);
  const FILTERS = [...FACETS, "author"];
  const box = byId("search-q");
  const sortSelect = byId("search-sort");
  const status = byId("search-status");
  const list = byId("search-results");
  const people = byId("search-people");
  const pager = byId("search-pages");
  const expanded = new Set();
  let search = null; // Pagefind instances: {articles, people, counts}; counts is made after the first results
  let generation = 0;
  let typing = false;
  let typingTimer = 0;
  let names = {};
  let shownFacets = null; // [counts, state] of the facets on screen, to redraw them when one is opened

  if (location.protocol === "file:") {
    byId("search-offline").hidden = false;
    return;
  }

  // --- words of the page -------------------------------------------------------------------------------------
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
  const counted = (n, kind) => fill(words[`${kind}${plural.select(n)[0].toUpperCase()}${plural.select(n).slice(1)}`]
    || words[`${kind}Other`], { n: number.format(n) });

  // --- state: the URL is the only memory ----------------------------------------------------------------------
  function readURL() {
    const params = new URLSearchParams(location.search);
    const sort = params.get("sort") || "";
    return {
      q: (params.get("q") || "").slice(0, MAX_QUERY),
      sort: SORTS[sort] ? sort : "",
      page: Math.max(1, Number.parseInt(params.get("page"), 10) || 1),
      filters: Object.fromEntries(FILTERS.map((key) => [key, [...new Set(params.getAll(key).filter(Boolean))]])),
    };
  }

  function readForm() {
    const data = new FormData(form);
    return {
      q: String(data.get("q") || "").slice(0, MAX_QUERY),
      sort: SORTS[data.get("sort")] ? String(data.get("sort")) : "",
      page: 1,
      filters: Object.fromEntries(FILTERS.map((key) => [key, data.getAll(key).map(String).filter(Boolean)])),
    };
  }

  function query(state, page = state.page) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const key of FILTERS) for (const value of state.filters[key]) params.append(key, value);
    if (state.sort) params.set("sort", state.sort);
    if (page > 1) params.set("page", String(page));
    const search = params.toString();
    return search ? `?${search}` : location.pathname;
  }

  function remember(state, replace) {
    const url = query(state);
    if (url === location.search || (url === location.pathname && !location.search)) return;
    history[replace ? "replaceState" : "pushState"](null, "", url);
  }

  function showState(state) {
    box.value = state.q;
    sortSelect.value = state.sort;
    const kept = byId("search-author");
    kept.replaceChildren(...state.filters.author.map((value) => hiddenInput("author", value)));
  }

  function hiddenInput(name, value) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    return input;
  }

  // --- searching ----------------------------------------------------------------------------------------------
  // Two Pagefind instances. On this thread, the articles' index for the results, which loads only the facets a
  // search is narrowed by (Pagefind counts every facet it has loaded, on every search), with the authors' and
  // topics' index (pagefind/people/) merged into it: a search narrowed by {people: "yes"} finds only those, one
  // narrowed by {not: {people: "yes"}} only articles (the articles' index has no such facet, the people's has it
  // as a constant, which costs nothing to load or count). In a web worker, the articles' index again, which loads
  // every facet and counts them once the results are on screen, so that counting a broad query never holds up
  // typing.
  const ARTICLES = { not: { people: "yes" } };
  const PEOPLE = { people: "yes" };

  async function load() {
    const root = new URL(words.root || "./", document.baseURI).pathname;
    const bundle = new URL(words.bundle, document.baseURI);
    const module = await import(new URL("pagefind.js", bundle).href);
    const open = (worker) => module.createInstance({
      basePath: bundle.pathname, baseUrl: root, excerptLength: 24, noWorker: !worker });
    // A large collection's articles are in several indexes (data-parts), merged into one search: each part's
    // sort orders give every article its place in the whole collection, so merged results stay in order.
    const parts = (words.parts || "").split(" ").filter(Boolean).map((part) => new URL(part, bundle).pathname);
    const whole = async (instance) => {
      await Promise.all(parts.map((part) => instance.mergeIndex(part, { baseUrl: root })));
      return instance;
    };
    const articles = open(false);
    await articles.init();
    await Promise.all([whole(articles),
      articles.mergeIndex(new URL("people/", bundle).pathname, { baseUrl: root, mergeFilter: PEOPLE })]);
    let counts = null;
    return { articles, counting: () => (counts = counts || whole(open(true))) };
  }

  function narrowing(state, every) {
    const filters = every ? {} : { ...ARTICLES };
    for (const key of FILTERS) {
      if (state.filters[key].length) filters[key] = state.filters[key];
      else if (every && key !== "author") filters[key] = []; // an empty list loads the facet, to count it
    }
    return filters;
  }

  async function run(state) {
    try {
      await searchAndShow(state);
    } catch (error) {
      // A file of the index that cannot be read (a site half published, a connection lost): say so, calmly.
      status.textContent = words.failed;
      list.removeAttribute("aria-busy");
      form.dataset.shown = form.dataset.counted = query(state);
    }
  }

  async function searchAndShow(state) {
    const mine = ++generation;
    const term = state.q.trim() || null;
    const chosen = FILTERS.some((key) => state.filters[key].length);
    if (!term && !chosen) {
      idle();
      return;
    }
    delete form.dataset.shown;
    delete form.dataset.counted;
    list.setAttribute("aria-busy", "true");
    const sort = SORTS[state.sort || (term ? "" : "newest")] || {};
    const [found, others] = await Promise.all([
      search.articles.search(term, { filters: narrowing(state, false), sort }),
      term && state.page === 1 ? search.articles.search(term, { filters: PEOPLE }) : null,
      state.filters.author.length ? authorNames(state.filters.author) : null,
    ]);
    // Typed on since this search began: a newer one is on its way, so this one's results are not fetched.
    if (mine !== generation || (typing && box.value.slice(0, MAX_QUERY) !== state.q)) return;
    const pages = Math.max(1, Math.ceil(found.results.length / PAGE_SIZE));
    const page = Math.min(state.page, pages);
    const [hits, matches] = await Promise.all([
      Promise.all(found.results.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((r) => r.data())),
      others ? Promise.all(others.results.slice(0, PEOPLE_SHOWN).map((r) => r.data())) : [],
    ]);
    if (mine !== generation) return;
    showResults(hits);
    showPeople(matches);
    showPager(state, page, pages);
    showStatus(state, found.results.length, term);
    list.removeAttribute("aria-busy");
    showChosenAuthors(state);
    form.dataset.shown = query(state, page); // what is on screen, as a URL: tests and scripts can wait for it
    byId("search-facets").setAttribute("aria-busy", "true");
    const tally = await (await search.counting()).search(term, { filters: narrowing(state, true) });
    if (mine !== generation) return;
    shownFacets = [tally.filters || {}, state];
    showFacets(...shownFacets);
    byId("search-facets").removeAttribute("aria-busy");
    form.dataset.counted = form.dataset.shown; // and the facets' counts are those of the same search
  }

  async function authorNames(keys) {
    // The name of an author whose articles are asked for: the heading of their own page.
    await Promise.all(keys.filter((key) => !(key in names) && /^[a-z0-9-]+$/.test(key)).map(async (key) => {
      try {
        const response = await fetch(new URL(`authors/${key}.html`, new URL(words.root || "./", document.baseURI)));
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        names[key] = (response.ok && page.querySelector("main h1")?.textContent.trim()) || key;
      } catch (error) {
        names[key] = key;
      }
    }));
  }

  // --- showing ------------------------------------------------------------------------------------------------
  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function excerpt(html) {
    // Pagefind escapes the page's text ("<" and ">") and wraps matched words in <mark>; nothing else is markup.
    const p = element("p", "excerpt");
    let marked = false;
    for (const part of String(html || "").split(/(<mark>|<\/mark>)/)) {
      if (part === "<mark>") marked = true;
      else if (part === "</mark>") marked = false;
      else if (part) {
        const text = part.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
        p.append(marked ? element("mark", "", text) : document.createTextNode(text));
      }
    }
    return p;
  }

  function showResults(hits) {
    list.replaceChildren(...hits.map((hit) => {
      const meta = hit.meta || {};
      const li = element("li");
      const link = element("a", "title", meta.title || hit.url);
      link.href = hit.url;
      li.append(link);
      const line = element("span", "meta", meta.byline || "");
      if (meta.journal) line.append(" ", element("cite", "", meta.journal), ".");
      if (meta.year) line.append(" ", element("span", "", meta.year));
      li.append(line);
      if (meta.verdict) li.append(element("span", "verdict", meta.verdict));
      if (hit.excerpt) li.append(excerpt(hit.excerpt));
      return li;
    }));
  }

  function showPeople(matches) {
    people.hidden = !matches.length;
    people.querySelector("ul").replaceChildren(...matches.map((match) => {
      const li = element("li");
      const link = element("a", "", match.meta?.title || match.url);
      link.href = match.url;
      const kind = new URL(match.url, location.href).pathname.includes("/authors/") ? words.author : words.topic;
      li.append(link, " ", element("span", "meta", [kind, match.meta?.count].filter(Boolean).join(" · ")));
      return li;
    }));
  }

  function showFacets(counts, state) {
    const focused = document.activeElement;
    const refocus = focused && focused.type === "checkbox" && form.contains(focused)
      ? [focused.name, focused.value] : null;
    for (const fieldset of fieldsets) {
      const key = fieldset.dataset.facet;
      const chosen = state.filters[key];
      const values = Object.entries(counts[key] || {}).filter(([value, n]) => n > 0 || chosen.includes(value));
      for (const value of chosen) if (!values.some(([v]) => v === value)) values.push([value, 0]);
      values.sort(key === "year"
        ? ([a], [b]) => b.localeCompare(a)
        : ([a, m], [b, n]) => (chosen.includes(b) - chosen.includes(a)) || (n - m) || a.localeCompare(b, lang));
      const open = expanded.has(key) || values.length <= FACET_SHOWN + 2;
      const shown = open ? values : values.slice(0, FACET_SHOWN);
      fieldset.querySelector("ul").replaceChildren(...shown.map(([value, n]) => facetValue(fieldset, key, value, n,
        chosen.includes(value))));
      const more = fieldset.querySelector("button.more");
      more.hidden = values.length <= FACET_SHOWN + 2;
      more.textContent = open ? words.fewer : fill(words.more, { n: number.format(values.length) });
      more.setAttribute("aria-expanded", String(open));
      fieldset.hidden = !values.length;
    }
    byId("search-facets").hidden = fieldsets.every((f) => f.hidden);
    byId("search-clear").hidden = !FILTERS.some((key) => state.filters[key].length);
    if (refocus) {
      const again = [...form.querySelectorAll("input[type=checkbox]")]
        .find((input) => input.name === refocus[0] && input.value === refocus[1]);
      if (again) again.focus();
    }
  }

  function facetValue(fieldset, key, value, n, checked) {
    const li = element("li");
    const label = element("label");
    const input = element("input");
    input.type = "checkbox";
    input.name = key;
    input.value = value;
    input.checked = checked;
    const shown = fieldset.dataset[`label${value.charAt(0).toUpperCase()}${value.slice(1)}`] || value;
    label.append(input, " ", shown, " ", element("span", "count", number.format(n)));
    li.append(label);
    return li;
  }

  function showChosenAuthors(state) {
    const chosen = byId("search-chosen");
    chosen.replaceChildren(...state.filters.author.map((key) => {
      const li = element("li");
      const button = element("button", "remove", fill(words.removeAuthor, { name: names[key] || key }));
      button.type = "button";
      button.addEventListener("click", () => {
        const next = readForm();
        next.filters.author = next.filters.author.filter((k) => k !== key);
        showState(next);
        commit(next);
      });
      li.append(fill(words.byAuthor, { name: names[key] || key }), " ", button);
      return li;
    }));
    chosen.hidden = !state.filters.author.length;
  }

  function showPager(state, page, pages) {
    pager.hidden = pages < 2;
    const items = [];
    const add = (n, text, rel) => {
      const li = element("li");
      const link = element("a", "", text);
      link.href = query(state, n);
      if (rel) link.rel = rel;
      if (n === page) link.setAttribute("aria-current", "page");
      link.addEventListener("click", (event) => {
        event.preventDefault();
        history.pushState(null, "", link.href);
        typing = false;
        run(readURL()).then(() => status.focus());
      });
      li.append(link);
      items.push(li);
    };
    if (page > 1) add(page - 1, words.previous, "prev");
    for (const n of pageNumbers(page, pages)) {
      if (n === null) items.push(element("li", "gap", "…"));
      else add(n, number.format(n));
    }
    if (page < pages) add(page + 1, words.next, "next");
    pager.querySelector("ul").replaceChildren(...items);
  }

  function pageNumbers(page, pages) {
    const wanted = new Set([1, pages, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pages));
    const sorted = [...wanted].sort((a, b) => a - b);
    return sorted.flatMap((n, i) => (i && n - sorted[i - 1] > 1 ? [null, n] : [n]));
  }

  function showStatus(state, total, term) {
    const count = counted(total, "articles");
    const text = total === 0
      ? (term ? fill(words.none, { q: state.q.trim() }) : words.noneFiltered)
      : (term ? fill(words.found, { count, q: state.q.trim() }) : fill(words.foundFiltered, { count }));
    status.textContent = text;
  }

  function idle() {
    list.replaceChildren();
    list.removeAttribute("aria-busy");
    people.hidden = true;
    pager.hidden = true;
    byId("search-facets").hidden = true;
    byId("search-chosen").hidden = true;
    status.textContent = words.idle;
    form.dataset.shown = form.dataset.counted = location.pathname;
  }

  // --- events -------------------------------------------------------------------------------------------------
  function commit(state) {
    typing = false;
    remember(state, false);
    run(state);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typingTimer);
    commit(readForm());
  });

  box.addEventListener("input", () => {
    if (!search) return;
    const state = readForm();
    if (state.q.trim()) search.articles.preload(state.q.trim());
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      remember(state, typing); // the first word typed is a new entry in the history, the next ones replace it
      typing = true;
      run(state);
    }, TYPING_MS);
  });

  form.addEventListener("change", (event) => {
    if (event.target === box) return;
    const state = readForm();
    state.q = box.value.slice(0, MAX_QUERY);
    clearTimeout(typingTimer);
    commit(state);
  });

  form.addEventListener("click", (event) => {
    const more = event.target.closest("button.more");
    if (more) {
      const key = more.closest("fieldset").dataset.facet;
      if (expanded.has(key)) expanded.delete(key);
      else expanded.add(key);
      if (shownFacets) showFacets(...shownFacets);
    }
  });

  byId("search-clear").addEventListener("click", () => {
    const state = readForm();
    for (const key of FILTERS) state.filters[key] = [];
    showState(state);
    commit(state);
  });

  window.addEventListener("popstate", () => {
    const state = readURL();
    remember(state, true);
    showState(state);
    typing = false;
    run(state);
  });

  // --- start --------------------------------------------------------------------------------------------------
  (async () => {
    const state = readURL();
    remember(state, true); // the address as searched: a query cut to its longest, unknown sorts dropped
    showState(state);
    try {
      search = await load();
    } catch (error) {
      byId("search-failed").hidden = false;
      return;
    }
    byId("search-ui").hidden = false;
    // Words typed while Pagefind loaded found no search to run: search for them now, in place of the address's.
    const typed = readForm();
    if (typed.q !== state.q) {
      remember(typed, false);
      await run(typed);
    } else {
      await run(state);
    }
  })();
})();
